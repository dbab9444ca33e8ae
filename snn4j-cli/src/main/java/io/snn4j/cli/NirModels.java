package io.snn4j.cli;

import io.snn4j.core.layer.Layer;
import io.snn4j.core.layer.Network;
import io.snn4j.core.layer.SpikingLayer;
import io.snn4j.data.model.LoadedModel;
import io.snn4j.data.model.ModelFile;
import io.snn4j.data.model.ModelFileException;
import io.snn4j.nir.NirFile;
import io.snn4j.nir.convert.ConversionOptions;
import io.snn4j.nir.convert.Converted;
import io.snn4j.nir.convert.NirConversionException;
import io.snn4j.nir.convert.NirToSnn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reading the models {@code simulate} and {@code nir export} take: NIR files and snn4j model files. */
final class NirModels {

    private NirModels() {
    }

    /** A network ready to run, with what {@code simulate} needs to know about it. */
    record Runnable(Layer network, int[] inputShape, SpikingLayer probe, String probeName, Converted converted) {
    }

    /** What kind of model file this is, by its first bytes; a {@link UserError} when neither. */
    static boolean isNir(Path file) {
        if (Files.isDirectory(file)) {
            throw UserError.about(file, "is a folder; expected a model file (.nir or .snn)");
        }
        byte[] head = new byte[ModelIo.headBytes()];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw UserError.cannotRead(file, e, "no such file (expected a model: .nir or .snn)");
        }
        try {
            if (NirFile.looksLikeHdf5(file)) {
                return true;
            }
        } catch (IOException e) {
            throw UserError.about(file, "cannot read: " + e.getMessage(), e);
        }
        if (ModelIo.looksLikeModel(head, n)) {
            return false;
        }
        throw UserError.about(file, "neither a NIR file (HDF5) nor an snn4j model file (.snn)");
    }

    static NirFile readNir(Path file) {
        try {
            return NirFile.read(file);
        } catch (IOException e) {
            throw UserError.cannotRead(file, e, "no such file (expected a NIR file)");
        }
    }

    /**
     * A user's {@code .npy} file; a {@link UserError} naming it when it is missing or unreadable.
     *
     * @param expected what the file should hold, e.g. "a .npy input [T, B, ...]"
     */
    static io.snn4j.data.io.NdArray readNpy(Path file, String expected) {
        try {
            return io.snn4j.data.io.Npy.read(file);
        } catch (io.snn4j.data.io.ArrayFileException e) {
            if (!Files.exists(file)) {
                throw UserError.about(file, "no such file (expected " + expected + ")");
            }
            throw new UserError(e.getMessage() + " (expected " + expected + ")", e);
        }
    }

    static LoadedModel readSnn(Path file) {
        try {
            return ModelFile.load(file);
        } catch (ModelFileException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** A NIR file converted with {@code options}. */
    static Runnable fromNir(Path file, ConversionOptions options) {
        NirFile nir = readNir(file);
        Converted c;
        try {
            c = NirToSnn.convert(nir.graph(), options);
        } catch (NirConversionException e) {
            throw UserError.about(file, e.getMessage(), e);
        }
        String probe = c.probeNode() == null ? null : "NIR node '" + c.probeNode() + "'";
        return new Runnable(c.network(), c.inputShape(), c.probe(), probe, c);
    }

    /** An snn4j model file; the probe is its last neuron layer. */
    static Runnable fromSnn(Path file) {
        LoadedModel m = readSnn(file);
        Network net = m.network();
        SpikingLayer probe = null;
        String name = null;
        for (Map.Entry<String, Layer> e : net.namedLayers().entrySet()) {
            if (e.getValue() instanceof SpikingLayer s) {
                probe = s;
                name = "layer " + e.getKey() + " (" + e.getValue().type() + ")";
            }
        }
        return new Runnable(net, m.inputShape(), probe, name, null);
    }
}
