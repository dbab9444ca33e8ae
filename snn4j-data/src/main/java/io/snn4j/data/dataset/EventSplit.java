package io.snn4j.data.dataset;

import io.snn4j.core.Tensor;
import io.snn4j.data.events.Events;
import io.snn4j.data.events.SensorSize;
import io.snn4j.data.events.ToFrame;
import io.snn4j.data.events.Transforms;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One split of an event dataset: recordings (or parts of recordings) turned into frames by a {@link ToFrame}
 * when first asked for, kept in memory and, with a {@link SampleCache}, on disk. Shared by {@link Nmnist},
 * {@link Shd} and {@link DvsGesture}.
 */
final class EventSplit implements Dataset {

    /**
     * One sample: the file its events come from, which part of that file (null for the whole file), its label.
     */
    record Item(Path file, String part, int label) {
    }

    private final String name;
    private final List<Item> items;
    private final int classes;
    private final ToFrame frames;
    private final boolean binary;
    private final double spatialFactor;
    private final SensorSize sensor;
    private final SensorSize frameSensor;
    private final Function<Item, Events> read;
    private final SampleCache cache;
    private final ConvertedFiles samples;

    /**
     * @param frames        the frame conversion; its sensor size is set here
     * @param spatialFactor tonic's {@code Downsample(spatial_factor)} applied before the frames, 1 for none
     * @param sensor        the recordings' sensor
     * @param read          reads the events of one item (on {@code sensor}); called from several threads
     */
    EventSplit(String name, List<Item> items, int classes, ToFrame frames, boolean binary, double spatialFactor,
               SensorSize sensor, Function<Item, Events> read, SampleCache cache) {
        if (!(spatialFactor > 0 && spatialFactor <= 1)) {
            throw new IllegalArgumentException("spatial_factor must be in (0, 1], got " + spatialFactor);
        }
        this.name = name;
        this.items = List.copyOf(items);
        this.classes = classes;
        this.binary = binary;
        this.spatialFactor = spatialFactor;
        this.sensor = sensor;
        this.frameSensor = spatialFactor == 1 ? sensor
                : Transforms.downsample(Events.empty(sensor), 1, spatialFactor, spatialFactor).sensorSize();
        this.frames = frames.sensorSize(frameSensor).emptyAsTonic(false);
        this.read = read;
        this.cache = cache;
        this.samples = new ConvertedFiles(items.size(), cache);
    }

    /** Describes the conversion for a cache key. */
    static String key(String converter, ToFrame frames, boolean binary, double spatialFactor, SensorSize sensor) {
        return converter + ";" + frames + ";binary=" + binary + ";sensor=" + sensor
                + (spatialFactor == 1 ? "" : ";spatial_factor=" + spatialFactor);
    }

    List<Item> items() {
        return items;
    }

    SampleCache cache() {
        return cache;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return items.get(i).label();
    }

    /**
     * {@code [T_i, P, H, W]} frames of sample {@code i}.
     *
     * @throws io.snn4j.data.events.EventFormatException naming the file when it cannot be read, or has events
     *                                                   outside the sensor
     */
    @Override
    public Tensor sample(int i) {
        Item it = items.get(i);
        return samples.get(i, it.file(), it.part(), () -> convert(it));
    }

    /** The events of sample {@code i} as read (before downsampling and frames), e.g. for a raster plot. */
    Events events(int i) {
        return read.apply(items.get(i));
    }

    private Tensor convert(Item it) {
        Events ev = read.apply(it);
        if (spatialFactor != 1) {
            ev = Transforms.downsample(ev, 1, spatialFactor, spatialFactor);
        }
        return frames.apply(ev.withSensorSize(frameSensor)).toTensor(binary);
    }

    /** {@code [P, H, W]}; {@code [P, W]} on a one-row sensor (SHD), whose events have no y (tonic's frames). */
    @Override
    public int[] shape() {
        return sensor.height() == 1 ? new int[] {frameSensor.polarities(), frameSensor.width()}
                : new int[] {frameSensor.polarities(), frameSensor.height(), frameSensor.width()};
    }

    @Override
    public boolean temporal() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }
}
