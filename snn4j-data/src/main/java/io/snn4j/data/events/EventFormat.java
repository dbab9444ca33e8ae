package io.snn4j.data.events;

/** The event and spike file formats this package reads; {@link EventFiles#detect} tells them apart by content. */
public enum EventFormat {
    /** N-MNIST / N-Caltech101 {@code .bin}: 5-byte records, no header. */
    NMNIST_BIN("N-MNIST .bin"),
    /** Prophesee DAT: '%' header lines, event type and size bytes, 8-byte CD events. */
    PROPHESEE_DAT("Prophesee DAT"),
    /** Prophesee RAW in EVT 2.0: '%' header lines, 32-bit words. */
    EVT2("Prophesee EVT 2.0"),
    /** Prophesee RAW in EVT 3.0: '%' header lines, 16-bit words. */
    EVT3("Prophesee EVT 3.0"),
    /** jAER's AEDAT 2.0: '#' header lines, big-endian 32-bit address and timestamp per event. */
    AEDAT2("AEDAT 2.0"),
    /** cAER's AEDAT 3.1: '#' header lines, packets of typed events (DVS Gesture's recordings). */
    AEDAT3("AEDAT 3.1"),
    /** DV's AEDAT 4: flatbuffers packets, LZ4 or zstd compressed. */
    AEDAT4("AEDAT 4"),
    /** HDF5 with spikes/times, spikes/units and labels: the Spiking Heidelberg Digits and Speech Commands. */
    SHD_HDF5("SHD/SSC HDF5");

    private final String label;

    EventFormat(String label) {
        this.label = label;
    }

    /** A readable name such as {@code AEDAT 3.1}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
