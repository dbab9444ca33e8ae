package io.snn4j.data.dataset;

import io.snn4j.data.io.ArrayFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * MNIST and Fashion-MNIST: 60,000 training and 10,000 test images of 28x28 grey pixels in 10 classes, as four
 * IDX files ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}). {@link #load} reads them from a folder
 * (each file gzip-compressed or not); {@link #download} fetches them from the official locations into a folder,
 * checking each file's published MD5, and then reads them.
 *
 * <pre>{@code
 * MnistFamily.Parts fm = MnistFamily.FASHION_MNIST.load(Path.of("../shared/data/fashion-mnist"));
 * Dataset train = fm.train();                    // 60,000 samples [1, 28, 28] in [0, 1]
 * }</pre>
 */
public final class MnistFamily {
    /** Zalando's Fashion-MNIST (MIT licence): the official S3 location, then the GitHub repository. */
    public static final MnistFamily FASHION_MNIST = new MnistFamily("fashion_mnist",
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
            new String[] {"8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"},
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));
    /** LeCun, Cortes and Burges' MNIST: the official site, then the mirror torchvision uses. */
    public static final MnistFamily MNIST = new MnistFamily("mnist",
            List.of("http://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"),
            new String[] {"f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"},
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    /** The four files, in the order of the checksums. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private final String id;
    private final List<String> mirrors;
    private final String[] md5;
    private final List<String> classNames;

    MnistFamily(String id, List<String> mirrors, String[] md5, List<String> classNames) {
        this.id = id;
        this.mirrors = mirrors;
        this.md5 = md5;
        this.classNames = classNames;
    }

    /** The dataset's name in configs: {@code fashion_mnist} or {@code mnist}. */
    public String id() {
        return id;
    }

    /** Where {@link #download} looks, in order. */
    public List<String> mirrors() {
        return mirrors;
    }

    /** Published MD5 of each of {@link #FILES}. */
    public List<String> checksums() {
        return List.of(md5);
    }

    /** Name of each class. */
    public List<String> classNames() {
        return classNames;
    }

    /** The defined training and test parts. */
    public record Parts(ImageDataset train, ImageDataset test) {
    }

    /**
     * Reads the four files from {@code dir} ({@code name.gz} or the uncompressed {@code name}).
     *
     * @throws ArrayFileException naming the folder and the missing file, or the file that is unreadable
     */
    public Parts load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ArrayFileException(dir.toString(), Files.exists(dir) ? "is not a folder" : "no such folder"
                    + " (expected a folder holding " + String.join(", ", FILES) + ")");
        }
        Path[] f = new Path[4];
        for (int k = 0; k < 4; k++) {
            Path gz = dir.resolve(FILES.get(k));
            Path plain = dir.resolve(FILES.get(k).replaceFirst("\\.gz$", ""));
            f[k] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
            if (f[k] == null) {
                throw new ArrayFileException(dir.toString(), "has no " + FILES.get(k) + " (nor "
                        + plain.getFileName() + "); a " + id + " folder holds " + String.join(", ", FILES));
            }
        }
        ImageDataset train = ImageDataset.readIdx(f[0], f[1], 10, id + "/train");
        ImageDataset test = ImageDataset.readIdx(f[2], f[3], 10, id + "/test");
        if (train.shape()[1] != test.shape()[1] || train.shape()[2] != test.shape()[2]) {
            throw new ArrayFileException(f[2].toString(), "images are " + test.shape()[1] + "x" + test.shape()[2]
                    + ", the training images " + train.shape()[1] + "x" + train.shape()[2]);
        }
        return new Parts(train, test);
    }

    /** {@link #download(Path, List, Consumer)} from the official {@link #mirrors()}. */
    public Parts download(Path dir, Consumer<String> log) {
        return download(dir, mirrors, log);
    }

    /**
     * Downloads any of the four files missing from {@code dir} (or present with a wrong MD5) from the first of
     * {@code bases} that gives the published bytes, then reads them.
     *
     * @throws UncheckedIOException naming each URL tried and what went wrong
     */
    public Parts download(Path dir, List<String> bases, Consumer<String> log) {
        try {
            for (int k = 0; k < 4; k++) {
                Download.fetch(bases, FILES.get(k), md5[k], dir, log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(id + ": " + e.getMessage(), e);
        }
        return load(dir);
    }
}
