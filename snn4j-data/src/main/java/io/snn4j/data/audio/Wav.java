package io.snn4j.data.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files through the JDK's {@code javax.sound.sampled}: PCM with 8 (unsigned or signed), 16, 24 or 32 bits per
 * sample, 32/64-bit float, and µ-law/A-law (converted to 16-bit PCM by the JDK), any number of channels, which are
 * averaged into one (mono). Samples are scaled to [-1, 1]: 16-bit {@code v / 32768}, 8-bit unsigned
 * {@code (v - 128) / 128}.
 *
 * <p>Bad files raise an {@link AudioFileException} naming the file: a missing file, a file that is not RIFF/WAVE,
 * an encoding the JDK cannot read, and a data chunk shorter than its header announces (a truncated file).
 *
 * <pre>{@code
 * Audio a = Wav.read(Path.of("0_jackson_0.wav"));   // mono, a.sampleRate() = 8000
 * Audio b = a.resampled(16000);
 * }</pre>
 */
public final class Wav {
    private Wav() {
    }

    /**
     * Reads a WAV file and mixes its channels down to mono.
     *
     * @throws AudioFileException naming the file and the problem
     */
    public static Audio read(Path path) {
        String src = path.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(12);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(src, "no such file (expected a WAV file)", e);
        } catch (IOException e) {
            throw new AudioFileException(src, "cannot read: " + e.getMessage(), e);
        }
        if (head.length == 0) {
            throw new AudioFileException(src, "is empty, expected a WAV file");
        }
        if (head.length < 12 || !ascii(head, 0, "RIFF") || !ascii(head, 8, "WAVE")) {
            throw new AudioFileException(src, "not a WAV file: it starts with " + hex(head)
                    + ", expected \"RIFF\", a 4-byte size and \"WAVE\" (52 49 46 46 .. .. .. .. 57 41 56 45)");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return decode(raw, src);
        } catch (IOException e) {
            throw new AudioFileException(src, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a WAV file from a stream (which must support mark/reset, e.g. a BufferedInputStream; not closed).
     *
     * @param name used in error messages
     */
    public static Audio read(InputStream in, String name) {
        try {
            return decode(in.markSupported() ? in : new BufferedInputStream(in), name);
        } catch (IOException e) {
            throw new AudioFileException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Audio decode(InputStream raw, String src) throws IOException {
        AudioInputStream ais;
        try {
            ais = AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(src, "not a WAV file the JDK can read (" + e.getMessage()
                    + "); expected RIFF/WAVE with PCM, float, µ-law or A-law samples", e);
        } catch (EOFException e) {
            throw new AudioFileException(src, "truncated: the file ends inside its WAV header", e);
        }
        AudioFormat f = ais.getFormat();
        AudioFormat.Encoding enc = f.getEncoding();
        if (AudioFormat.Encoding.ULAW.equals(enc) || AudioFormat.Encoding.ALAW.equals(enc)) {
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16,
                    f.getChannels(), 2 * f.getChannels(), f.getFrameRate(), false);
            ais = AudioSystem.getAudioInputStream(pcm, ais);
            f = pcm;
            enc = pcm.getEncoding();
        }
        int bits = f.getSampleSizeInBits();
        int channels = f.getChannels();
        boolean pcmSigned = AudioFormat.Encoding.PCM_SIGNED.equals(enc);
        boolean pcmUnsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        boolean isFloat = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
        boolean ok = (pcmSigned && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (pcmUnsigned && (bits == 8 || bits == 16))
                || (isFloat && (bits == 32 || bits == 64));
        if (!ok) {
            throw new AudioFileException(src, "unsupported sample format " + enc + " with " + bits
                    + " bits; expected PCM with 8, 16, 24 or 32 bits, 32/64-bit float, µ-law or A-law");
        }
        if (channels < 1) {
            throw new AudioFileException(src, "the header announces " + channels + " channels, expected at least 1");
        }
        float rate = f.getSampleRate();
        if (!(rate >= 1) || rate != Math.rint(rate) || rate > 1_000_000) {
            throw new AudioFileException(src, String.format(Locale.ROOT,
                    "sample rate %s Hz is not supported; expected a whole number of Hz between 1 and 1000000",
                    rate));
        }
        int bytesPer = bits / 8;
        int frameSize = bytesPer * channels;
        if (f.getFrameSize() != frameSize) {
            throw new AudioFileException(src, "the header's block alignment (" + f.getFrameSize() + " bytes per"
                    + " frame) does not match " + channels + " channels of " + bits + " bits (" + frameSize
                    + " bytes)");
        }
        long frames = ais.getFrameLength();
        boolean known = frames != AudioSystem.NOT_SPECIFIED && frames >= 0;
        long want = known ? frames * frameSize : Long.MAX_VALUE;
        if (known && want > Integer.MAX_VALUE - 16) {
            throw new AudioFileException(src, "the header announces " + frames + " frames (" + want
                    + " bytes); at most 2 GiB of samples are supported");
        }
        // Read in whole frames into a buffer that grows with what actually arrives (a header may announce far
        // more than the file holds); a stream that stops giving bytes without ending counts as ended.
        byte[] data = new byte[(int) Math.min(want, 1 << 16)];
        int got = 0;
        int stalls = 0;
        int chunk = Math.max(frameSize, (1 << 16) / frameSize * frameSize);
        while (got < want) {
            if (got + chunk > data.length) {
                long grown = Math.min(want, Math.max((long) data.length * 2, (long) got + chunk));
                if (grown > Integer.MAX_VALUE - 16) {
                    throw new AudioFileException(src, "more than 2 GiB of samples; at most 2 GiB are supported");
                }
                data = java.util.Arrays.copyOf(data, (int) grown);
            }
            int len = (int) Math.min(chunk, Math.min(want, data.length) - got);
            int r = ais.read(data, got, len);
            if (r < 0) {
                break;
            }
            if (r == 0 && ++stalls > 3) {
                break;
            }
            got += r;
        }
        if (known && got < want) {
            throw new AudioFileException(src, "truncated: the header announces " + frames + " frames ("
                    + want + " bytes of samples), but only " + got + " bytes follow");
        }
        if (got % frameSize != 0) {
            throw new AudioFileException(src, "truncated: " + got + " bytes of samples are not a whole number of "
                    + frameSize + "-byte frames");
        }
        frames = got / frameSize;
        int n = (int) frames;
        float[] mono = new float[n];
        ByteBuffer bb = ByteBuffer.wrap(data).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float inv = 1f / channels;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int p = (i * channels + c) * bytesPer;
                sum += sample(bb, p, bits, pcmUnsigned, isFloat, f.isBigEndian());
            }
            mono[i] = (float) (sum * inv);
        }
        return new Audio(mono, (int) rate);
    }

    private static double sample(ByteBuffer bb, int p, int bits, boolean unsigned, boolean isFloat,
                                 boolean bigEndian) {
        if (isFloat) {
            return bits == 32 ? bb.getFloat(p) : bb.getDouble(p);
        }
        switch (bits) {
            case 8:
                return unsigned ? ((bb.get(p) & 0xff) - 128) / 128.0 : bb.get(p) / 128.0;
            case 16:
                return unsigned ? ((bb.getShort(p) & 0xffff) - 32768) / 32768.0 : bb.getShort(p) / 32768.0;
            case 24: {
                int mid = bb.get(p + 1) & 0xff;
                int v = bigEndian ? ((bb.get(p) << 16) | (mid << 8) | (bb.get(p + 2) & 0xff))
                        : ((bb.get(p + 2) << 16) | (mid << 8) | (bb.get(p) & 0xff));
                return v / 8388608.0;
            }
            default:
                return bb.getInt(p) / 2147483648.0;
        }
    }

    /**
     * Writes 16-bit PCM mono (values clipped to [-1, 1], rounded), through a temporary file renamed into place.
     * For tests and examples.
     */
    public static void write16(Path path, Audio audio) {
        float[] x = audio.samples();
        byte[] pcm = new byte[x.length * 2];
        ByteBuffer bb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            double c = Math.max(-1, Math.min(1, v));
            bb.putShort((short) Math.max(-32768, Math.min(32767, Math.round(c * 32768))));
        }
        byte[] header = header(audio.sampleRate(), 1, 16, pcm.length);
        try {
            io.snn4j.data.io.AtomicWrite.bytes(path, header, pcm);
        } catch (IOException e) {
            throw new AudioFileException(path.toString(), "cannot write: " + e.getMessage(), e);
        }
    }

    /** The 44-byte canonical header of a PCM WAV file with {@code dataBytes} bytes of samples. */
    static byte[] header(int rate, int channels, int bits, int dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        return h.array();
    }

    private static boolean ascii(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(12, b.length); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02X", b[i] & 0xff));
        }
        return s.toString();
    }
}
