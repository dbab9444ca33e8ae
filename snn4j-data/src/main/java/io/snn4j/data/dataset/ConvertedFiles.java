package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Samples converted from files when first asked for, kept in memory and, with a {@link SampleCache}, on disk.
 * Safe to call from several threads (a loader's prefetch): a sample converted twice at once is stored once.
 */
final class ConvertedFiles {
    private final SampleCache cache;
    private final Function<Path, Tensor> convert;
    private final AtomicReferenceArray<Tensor> memo;

    /**
     * @param count   number of samples
     * @param cache   the on-disk cache, or null for none
     * @param convert reads and converts one file
     */
    ConvertedFiles(int count, SampleCache cache, Function<Path, Tensor> convert) {
        this.cache = cache;
        this.convert = convert;
        this.memo = new AtomicReferenceArray<>(count);
    }

    /** Sample {@code i}, converted from {@code file} (or taken from the caches). */
    Tensor get(int i, Path file) {
        Tensor t = memo.get(i);
        if (t == null) {
            Tensor made = cache == null ? convert.apply(file) : cache.get(file, () -> convert.apply(file));
            memo.compareAndSet(i, null, made);
            t = memo.get(i);
        }
        return t;
    }
}
