package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
    @TempDir
    Path dir;

    private Path write(String name, int rate, int channels, int bits, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        byte[] h = Wav.header(rate, channels, bits, data.length);
        byte[] all = Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, all, h.length, data.length);
        Files.write(p, all);
        return p;
    }

    @Test
    void reads16BitMonoScaledToFullScale() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 16384).putShort((short) -32768).putShort((short) 32767);
        Audio a = Wav.read(write("a.wav", 8000, 1, 16, b.array()));
        assertEquals(8000, a.sampleRate());
        assertArrayEquals(new float[] {0f, 0.5f, -1f, 32767f / 32768}, a.samples());
    }

    @Test
    void reads8BitUnsigned() throws IOException {
        Audio a = Wav.read(write("a.wav", 11025, 1, 8, new byte[] {(byte) 128, (byte) 192, 0, (byte) 255}));
        assertEquals(11025, a.sampleRate());
        assertArrayEquals(new float[] {0f, 0.5f, -1f, 127f / 128}, a.samples());
    }

    @Test
    void stereoIsMixedDownToTheMeanOfTheChannels() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 16384).putShort((short) 0);       // frame 0: L 0.5, R 0
        b.putShort((short) -16384).putShort((short) -16384); // frame 1: L -0.5, R -0.5
        Audio a = Wav.read(write("s.wav", 16000, 2, 16, b.array()));
        assertArrayEquals(new float[] {0.25f, -0.5f}, a.samples());
    }

    @Test
    void write16RoundTrips() {
        Audio tone = Audio.tone(440, 0.5, 0.01, 8000);
        Path p = dir.resolve("t.wav");
        Wav.write16(p, tone);
        Audio back = Wav.read(p);
        assertEquals(tone.samples().length, back.samples().length);
        for (int i = 0; i < tone.samples().length; i++) {
            assertEquals(tone.samples()[i], back.samples()[i], 1.0 / 32768);
        }
    }

    @Test
    void badFilesGiveOneClearError() throws IOException {
        AudioFileException e = assertThrows(AudioFileException.class, () -> Wav.read(dir.resolve("missing.wav")));
        assertTrue(e.getMessage().endsWith("missing.wav: no such file (expected a WAV file)"), e.getMessage());

        Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
        e = assertThrows(AudioFileException.class, () -> Wav.read(empty));
        assertTrue(e.getMessage().endsWith("empty.wav: is empty, expected a WAV file"), e.getMessage());

        Path text = Files.writeString(dir.resolve("text.wav"), "hello, this is not audio");
        e = assertThrows(AudioFileException.class, () -> Wav.read(text));
        assertTrue(e.getMessage().contains("text.wav: not a WAV file: it starts with 68 65 6C 6C"), e.getMessage());

        // a header announcing 100 frames of 16-bit samples, followed by 10 bytes
        byte[] h = Wav.header(8000, 1, 16, 200);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(h, h.length + 10));
        e = assertThrows(AudioFileException.class, () -> Wav.read(cut));
        assertTrue(e.getMessage().contains("cut.wav: truncated: the header announces 100 frames (200 bytes of"
                + " samples), but only 10 bytes follow"), e.getMessage());

        // RIFF/WAVE but cut inside the format chunk
        Path head = Files.write(dir.resolve("head.wav"), Arrays.copyOf(h, 20));
        e = assertThrows(AudioFileException.class, () -> Wav.read(head));
        assertTrue(e.getMessage().startsWith(head + ": "), e.getMessage());

        // a compressed format the JDK does not decode (format tag 0x0002, MS ADPCM)
        byte[] adpcm = Wav.header(8000, 1, 4, 16);
        adpcm[20] = 2;
        Path ad = Files.write(dir.resolve("adpcm.wav"), Arrays.copyOf(adpcm, adpcm.length + 16));
        e = assertThrows(AudioFileException.class, () -> Wav.read(ad));
        assertTrue(e.getMessage().startsWith(ad + ": "), e.getMessage());
    }

    @Test
    void randomAndMutatedFilesFailOnlyWithAudioFileException() throws IOException {
        java.util.Random r = new java.util.Random(7);
        Path good = dir.resolve("good.wav");
        Wav.write16(good, Audio.tone(300, 0.3, 0.02, 8000));
        byte[] base = Files.readAllBytes(good);
        for (int k = 0; k < 200; k++) {
            byte[] b;
            if (k % 2 == 0) {
                b = base.clone();
                for (int m = 0; m < 1 + r.nextInt(4); m++) {
                    b[r.nextInt(Math.min(b.length, 64))] = (byte) r.nextInt(256);
                }
                if (r.nextBoolean()) {
                    b = Arrays.copyOf(b, r.nextInt(b.length));
                }
            } else {
                b = new byte[r.nextInt(100)];
                r.nextBytes(b);
            }
            Path p = Files.write(dir.resolve("f" + k + ".wav"), b);
            try {
                Audio a = Wav.read(p);
                assertTrue(a.samples().length <= base.length, "no blow-up");
            } catch (AudioFileException expected) {
                assertTrue(expected.getMessage().startsWith(p.toString()), expected.getMessage());
            }
        }
    }
}
