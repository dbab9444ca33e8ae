package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.core.Tensor;
import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.CochleaEncoder;
import io.snn4j.data.audio.Wav;
import io.snn4j.data.io.NdArray;
import io.snn4j.data.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn4j audio spikes}. */
class AudioCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheEncodersSpikeTrainAsFloat32() {
        Path wav = dir.resolve("tone.wav");
        Audio tone = Audio.tone(1000, 0.5, 0.2, 8000);
        Wav.write16(wav, tone);
        Path out = dir.resolve("s.npy");
        Cli r = Cli.run("audio", "spikes", wav.toString(), "--channels", "32", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        NdArray a = Npy.read(out);
        assertEquals(NdArray.DType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {200, 32}, a.shape());   // 0.2 s at 1 ms
        Tensor want = new CochleaEncoder(CochleaEncoder.Params.defaults().with("channels", 32))
                .encodeDense(Wav.read(wav));
        assertArrayEquals(want.data(), a.toTensor().data());
        assertTrue(r.out().contains("spikes in 200 steps of 1 ms, 32 channels (50-7200 Hz)"), r.out());
        assertTrue(r.out().contains("wrote " + out + " [200, 32] float32"), r.out());

        Cli b = Cli.run("audio", "spikes", wav.toString(), "--channels", "16", "--sample-rate", "8000", "--bin", "10",
                "--set", "f_max=3000", "--set", "compression=power", "--out", out.toString());
        assertEquals(0, b.exit(), b.toString());
        assertArrayEquals(new int[] {20, 16}, Npy.read(out).shape());
    }

    @Test
    void usageErrorsExit2AndFailuresExit1WithOneLine() throws Exception {
        Path wav = dir.resolve("tone.wav");
        Wav.write16(wav, Audio.tone(440, 0.5, 0.05, 8000));
        Path out = dir.resolve("s.npy");

        Cli noOut = Cli.run("audio", "spikes", wav.toString());
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().contains("Missing required option: '--out=X.npy'"), noOut.err());

        Cli zero = Cli.run("audio", "spikes", wav.toString(), "--channels", "0", "--out", out.toString());
        assertEquals(2, zero.exit());
        assertTrue(zero.err().startsWith("snn4j: error: --channels: expected a whole number between 1 and 10000,"
                + " got 0"), zero.err());

        Cli badSet = Cli.run("audio", "spikes", wav.toString(), "--set", "colour=blue", "--out", out.toString());
        assertEquals(2, badSet.exit());
        assertTrue(badSet.err().contains("--set colour: unknown option"), badSet.err());

        Cli fmax = Cli.run("audio", "spikes", wav.toString(), "--sample-rate", "8000", "--set", "f_max=5000",
                "--out", out.toString());
        assertEquals(2, fmax.exit());
        assertTrue(fmax.err().contains("f_max 5000 Hz must be below half the sample rate (4000 Hz)"), fmax.err());

        Cli missing = Cli.run("audio", "spikes", dir.resolve("none.wav").toString(), "--out", out.toString());
        assertEquals(1, missing.exit());
        assertEquals("snn4j: error: " + dir.resolve("none.wav") + ": no such file (expected a WAV file)\n",
                missing.err());

        Path text = Files.writeString(dir.resolve("notes.wav"), "this is text");
        Cli bad = Cli.run("audio", "spikes", text.toString(), "--out", out.toString());
        assertEquals(1, bad.exit());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("snn4j: error: " + text + ": not a WAV file: it starts with 74 68 69 73"),
                bad.err());
        assertFalse(Files.exists(out), "nothing written on failure");

        Cli noDir = Cli.run("audio", "spikes", wav.toString(), "--out", dir.resolve("no/such/x.npy").toString());
        assertEquals(1, noDir.exit());
        assertTrue(noDir.err().contains("does not exist"), noDir.err());
    }
}
