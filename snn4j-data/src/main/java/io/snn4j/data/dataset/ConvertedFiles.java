package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;

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
    ConvertedFiles(int count, SampleCache cache) {
        this(count, cache, f -> {
            throw new IllegalStateException("no converter given");
        });
    }

    ConvertedFiles(int count, SampleCache cache, Function<Path, Tensor> convert) {
        this.cache = cache;
        this.convert = convert;
        this.memo = new AtomicReferenceArray<>(count);
    }

    /** Sample {@code i}, converted from {@code file} (or taken from the caches). */
    Tensor get(int i, Path file) {
        return get(i, file, null, () -> convert.apply(file));
    }

    /**
     * Sample {@code i}, part {@code part} of {@code file} (null for the whole file), made by {@code make} when
     * neither cache has it.
     */
    Tensor get(int i, Path file, String part, Supplier<Tensor> make) {
        Tensor t = memo.get(i);
        if (t == null) {
            Tensor made = cache == null ? make.get() : cache.get(file, part, make);
            memo.compareAndSet(i, null, made);
            t = memo.get(i);
        }
        return t;
    }
}
