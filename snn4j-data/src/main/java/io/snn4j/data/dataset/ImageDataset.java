package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import io.snn4j.data.io.ArrayFileException;
import io.snn4j.data.io.Idx;
import io.snn4j.data.io.NdArray;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Grey-scale images held in memory as bytes ({@code N x H x W}, 0..255) with one label each; a sample is the image
 * as {@code [1, H, W]} intensities {@code pixel / 255} in [0, 1]. What the MNIST family's IDX files hold.
 */
public final class ImageDataset implements Dataset {
    private final byte[] pixels;
    private final int[] labels;
    private final int n;
    private final int h;
    private final int w;
    private final int classes;
    private final String name;

    /**
     * @param pixels {@code N * H * W} bytes read as unsigned (not copied)
     * @param labels {@code [N]} in {@code [0, classes)} (not copied)
     */
    public ImageDataset(byte[] pixels, int[] labels, int height, int width, int classes, String name) {
        this.n = labels.length;
        if ((long) n * height * width != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels are not " + n + " images of "
                    + height + "x" + width);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.h = height;
        this.w = width;
        this.classes = classes;
        this.name = name;
    }

    /**
     * Reads an IDX pair: images {@code uint8 [N, H, W]} and labels {@code uint8 [N]} in {@code [0, classes)}.
     *
     * @throws ArrayFileException naming the file when the files are unreadable or do not match
     */
    public static ImageDataset readIdx(Path images, Path labels, int classes, String name) {
        NdArray im = Idx.read(images);
        if (im.dtype() != NdArray.DType.UINT8 || im.rank() != 3) {
            throw new ArrayFileException(images.toString(), "holds " + im.dtype() + " " + Arrays.toString(im.shape())
                    + ", expected uint8 images [N, height, width]");
        }
        NdArray lb = Idx.read(labels);
        if (lb.rank() != 1) {
            throw new ArrayFileException(labels.toString(), "holds " + lb.dtype() + " " + Arrays.toString(lb.shape())
                    + ", expected labels [N]");
        }
        int[] l = lb.toInts();
        if (l.length != im.shape()[0]) {
            throw new ArrayFileException(labels.toString(), l.length + " labels for " + im.shape()[0]
                    + " images in " + images.getFileName());
        }
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= classes) {
                throw new ArrayFileException(labels.toString(), "label " + l[i] + " at index " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        return new ImageDataset(im.toBytes(), l, im.shape()[1], im.shape()[2], classes, name);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    /** Image {@code i} as {@code [1, H, W]}, values {@code pixel / 255}. */
    @Override
    public Tensor sample(int i) {
        float[] f = new float[h * w];
        int base = i * h * w;
        for (int k = 0; k < f.length; k++) {
            f[k] = (pixels[base + k] & 0xff) / 255f;
        }
        return new Tensor(f, 1, h, w);
    }

    /** Raw pixel {@code k} (row-major) of image {@code i}, 0..255. */
    public int pixel(int i, int k) {
        return pixels[i * h * w + k] & 0xff;
    }

    @Override
    public int[] shape() {
        return new int[] {1, h, w};
    }

    @Override
    public boolean temporal() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
