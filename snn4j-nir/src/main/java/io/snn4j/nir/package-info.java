/**
 * NIR, the Neuromorphic Intermediate Representation: the graph format in which spiking networks move between
 * frameworks (snnTorch, Norse, Sinabs, Rockpool, Lava, Spyx) and chips (SpiNNaker2, Xylo, Loihi).
 *
 * <ul>
 * <li>{@link io.snn4j.nir.NirNode}: one record per NIR node type, with NIR's fields, order and shapes, checked
 * when built; {@link io.snn4j.nir.NirGraph}: named nodes, edges, metadata, lookup by name or dotted address,
 * shape inference along the edges.</li>
 * <li>{@link io.snn4j.nir.NirArray}, {@link io.snn4j.nir.Shape}: immutable arrays that keep their file type, and
 * shapes.</li>
 * <li>{@link io.snn4j.nir.NirFile}: reads NIR files of NIR 0.1 to 1.0.x and writes them as NIR 1.0.x does (HDF5,
 * through jHDF); {@link io.snn4j.nir.NirFormatException} names the file, node and field of a problem.</li>
 * </ul>
 *
 * <p>NIR's Python source ({@code neuromorphs/NIR}: {@code nir/ir/*.py}, {@code nir/serialization.py}) is the
 * reference for every field and default; {@code docs/interop.md} lists what the reader accepts and what the writer
 * writes. Nothing here depends on snn4j's file formats; conversion to and from engine networks, and running NIR
 * graphs, is {@link io.snn4j.nir.convert}.
 */
package io.snn4j.nir;
