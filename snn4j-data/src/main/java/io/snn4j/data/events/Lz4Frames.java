package io.snn4j.data.events;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Decompresses LZ4 frames (the LZ4 frame format, magic {@code 04 22 4d 18}) such as AEDAT 4 packets.
 *
 * <p>lz4-java's {@code LZ4FrameInputStream} refuses frames whose blocks are linked (each block may copy from the
 * previous 64 KiB of output), which is the LZ4 library's default and what DV writes. So the frame layout is
 * parsed here: blocks of frames with independent blocks are decompressed by lz4-java's (pure-Java) block
 * decompressor;
 * blocks of linked frames by {@link #decodeBlock}, a plain LZ4 block decoder that may reach back into the output
 * already produced. Header, block and content checksums are verified with lz4-java's xxHash32.
 */
final class Lz4Frames {
    static final int MAGIC = 0x184D2204;

    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestJavaInstance().safeDecompressor();
    private static final XXHash32 XXH = XXHashFactory.fastestJavaInstance().hash32();

    private Lz4Frames() {
    }

    /** A problem with the compressed data (the caller adds file and offset). */
    static final class Lz4FormatException extends Exception {
        Lz4FormatException(String message) {
            super(message);
        }
    }

    /** Decompresses one or more concatenated frames; more than {@code cap} bytes of output is an error. */
    static byte[] decompress(byte[] src, long cap) throws Lz4FormatException {
        byte[] out = new byte[(int) Math.min(cap, Math.max(1024, 4L * src.length))];
        int n = 0;
        int sp = 0;
        if (src.length < 4) {
            throw new Lz4FormatException("too short for an LZ4 frame (" + src.length + " bytes)");
        }
        while (sp < src.length) {
            int magic = le32(src, sp, "frame magic");
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) { // skippable frame
                long len = le32(src, sp + 4, "skippable frame size") & 0xffffffffL;
                if (len > src.length - sp - 8) {
                    throw new Lz4FormatException("truncated skippable frame");
                }
                sp += 8 + (int) len;
                continue;
            }
            if (magic != MAGIC) {
                throw new Lz4FormatException(String.format("bad LZ4 frame magic 0x%08x (expected 0x184d2204)", magic));
            }
            int descStart = sp + 4;
            int flg = u8(src, descStart, "frame descriptor");
            int bd = u8(src, descStart + 1, "frame descriptor");
            if ((flg >>> 6) != 1 || (flg & 0x02) != 0 || (bd & 0x8f) != 0) {
                throw new Lz4FormatException(String.format("unsupported LZ4 frame descriptor (FLG 0x%02x, BD 0x%02x)",
                        flg, bd));
            }
            boolean independent = (flg & 0x20) != 0;
            boolean blockChecksum = (flg & 0x10) != 0;
            boolean contentSize = (flg & 0x08) != 0;
            boolean contentChecksum = (flg & 0x04) != 0;
            if ((flg & 0x01) != 0) {
                throw new Lz4FormatException("LZ4 frame needs a dictionary (DictID), which AEDAT does not use");
            }
            int sizeCode = (bd >>> 4) & 7;
            if (sizeCode < 4) {
                throw new Lz4FormatException("unsupported LZ4 block size code " + sizeCode);
            }
            int blockMax = 1 << (8 + 2 * sizeCode);
            int p = descStart + 2 + (contentSize ? 8 : 0);
            int hc = u8(src, p, "header checksum");
            int expectHc = (XXH.hash(src, descStart, p - descStart, 0) >>> 8) & 0xff;
            if (hc != expectHc) {
                throw new Lz4FormatException("LZ4 frame header checksum mismatch");
            }
            p++;
            int frameStart = n;
            while (true) {
                int bsize = le32(src, p, "block size");
                p += 4;
                if (bsize == 0) {
                    break;
                }
                boolean raw = bsize < 0; // high bit: stored uncompressed
                int len = bsize & 0x7fffffff;
                if (len > blockMax || len > src.length - p) {
                    throw new Lz4FormatException("LZ4 block of " + len + " bytes at " + p + (len > blockMax
                            ? " exceeds the frame's block size " + blockMax : " runs past the data"));
                }
                if (blockChecksum) {
                    int sum = le32(src, p + len, "block checksum");
                    if (sum != XXH.hash(src, p, len, 0)) {
                        throw new Lz4FormatException("LZ4 block checksum mismatch");
                    }
                }
                if ((long) n + blockMax > out.length) {
                    // grow towards the cap; a block that then does not fit is refused below
                    long want = Math.min(cap, Math.max(2L * out.length, (long) n + blockMax));
                    if (want > out.length) {
                        out = Arrays.copyOf(out, (int) want);
                    }
                }
                int room = out.length - n;
                if (raw) {
                    if (len > room) {
                        throw new Lz4FormatException("decompresses to more than " + cap + " bytes");
                    }
                    System.arraycopy(src, p, out, n, len);
                    n += len;
                } else if (independent) {
                    try {
                        n += LZ4.decompress(src, p, len, out, n, Math.min(room, blockMax));
                    } catch (LZ4Exception e) {
                        throw new Lz4FormatException("corrupt LZ4 block: " + e.getMessage()
                                + (room < blockMax ? " (or more than " + cap + " bytes)" : ""));
                    }
                } else {
                    n = decodeBlock(src, p, len, out, n, n + Math.min(room, blockMax), Math.max(frameStart, n - 65536));
                }
                p += len + (blockChecksum ? 4 : 0);
            }
            if (contentChecksum) {
                int sum = le32(src, p, "content checksum");
                if (sum != XXH.hash(out, frameStart, n - frameStart, 0)) {
                    throw new Lz4FormatException("LZ4 content checksum mismatch");
                }
                p += 4;
            }
            sp = p;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Decodes one LZ4 block from {@code src[sp, sp + len)} to {@code dst} starting at {@code dp}, writing below
     * {@code dLimit}; matches may copy from {@code dst[prefixStart, dp)} (the linked blocks before). Returns the
     * new end of the output.
     */
    static int decodeBlock(byte[] src, int sp, int len, byte[] dst, int dp, int dLimit, int prefixStart)
            throws Lz4FormatException {
        int end = sp + len;
        while (sp < end) {
            int token = src[sp++] & 0xff;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (sp >= end) {
                        throw new Lz4FormatException("corrupt LZ4 block: literal length runs past the block");
                    }
                    b = src[sp++] & 0xff;
                    lit += b;
                } while (b == 255 && lit < dLimit);
            }
            if (lit > end - sp || lit > dLimit - dp) {
                throw new Lz4FormatException("corrupt LZ4 block: " + lit + " literals do not fit");
            }
            System.arraycopy(src, sp, dst, dp, lit);
            sp += lit;
            dp += lit;
            if (sp == end) {
                break; // the last sequence has literals only
            }
            if (end - sp < 2) {
                throw new Lz4FormatException("corrupt LZ4 block: truncated match offset");
            }
            int offset = (src[sp] & 0xff) | (src[sp + 1] & 0xff) << 8;
            sp += 2;
            if (offset == 0 || dp - offset < prefixStart) {
                throw new Lz4FormatException("corrupt LZ4 block: match offset " + offset + " reaches before the data");
            }
            int mlen = token & 15;
            if (mlen == 15) {
                int b;
                do {
                    if (sp >= end) {
                        throw new Lz4FormatException("corrupt LZ4 block: match length runs past the block");
                    }
                    b = src[sp++] & 0xff;
                    mlen += b;
                } while (b == 255 && mlen < dLimit);
            }
            mlen += 4;
            if (mlen > dLimit - dp) {
                throw new Lz4FormatException("corrupt LZ4 block: match of " + mlen + " bytes does not fit");
            }
            int from = dp - offset;
            for (int i = 0; i < mlen; i++) {
                dst[dp + i] = dst[from + i];
            }
            dp += mlen;
        }
        return dp;
    }

    private static int u8(byte[] b, int at, String what) throws Lz4FormatException {
        if (at < 0 || at >= b.length) {
            throw new Lz4FormatException("truncated LZ4 " + what);
        }
        return b[at] & 0xff;
    }

    private static int le32(byte[] b, int at, String what) throws Lz4FormatException {
        if (at < 0 || at > b.length - 4) {
            throw new Lz4FormatException("truncated LZ4 " + what);
        }
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
