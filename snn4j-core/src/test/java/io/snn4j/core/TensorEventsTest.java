package io.snn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorEventsTest {

    @Test
    void spikesWithEventsListsTheNonZerosOfEachRowOfTheLastDimension() {
        // [2, 2, 3] seen as 4 rows of 3: rows 0 and 2 empty
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 0, 2, 0, 0, 0, 0, -3, 0}, 2, 2, 3);
        assertNull(x.events(), "nothing attached by default");
        assertSame(x, Tensor.spikesWithEvents(x));
        Tensor.Events ev = x.events();
        assertEquals(4, ev.rows());
        assertEquals(3, ev.cols());
        assertEquals(3, ev.nnz());
        assertArrayEquals(new int[] {0, 0, 2, 2, 3}, ev.rowPtrArray());
        assertEquals(0, ev.col(0));
        assertEquals(1f, ev.value(0));
        assertEquals(2, ev.col(1));
        assertEquals(2f, ev.value(1));
        assertEquals(1, ev.col(2));
        assertEquals(-3f, ev.value(2));
        assertTrue(ev.matches(x.data()));
    }

    @Test
    void rowRangeIsTheEventListOfThoseRowsAlone() {
        Tensor x = Tensor.spikesWithEvents(Tensor.of(new float[] {0, 0, 0, 1, 0, 2, 0, 0, 0, 0, -3, 0}, 4, 3));
        Tensor.Events part = x.events().rowRange(1, 4);
        assertEquals(3, part.rows());
        assertEquals(3, part.nnz());
        assertTrue(part.matches(new float[] {1, 0, 2, 0, 0, 0, 0, -3, 0}));
        assertEquals(0, x.events().rowRange(2, 3).nnz());
        assertThrows(IllegalArgumentException.class, () -> x.events().rowRange(3, 5));
    }

    @Test
    void checkpointedSegmentsKeepTheInputsEventsAndGiveTheSameGradients() {
        Rng rng = new Rng(3);
        Tensor x = new Tensor(9, 2, 30);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.nextFloat() < 0.1f ? 1f : 0f;
        }
        float[][] grads = new float[2][];
        for (int k = 0; k < 2; k++) {
            Rng w = new Rng(7);
            io.snn4j.core.layer.Sequential net = new io.snn4j.core.layer.Sequential(
                    new io.snn4j.core.layer.Linear(30, 6, w), new io.snn4j.core.neuron.Leaky(0.8f));
            net.setInputGradRequired(false);
            net.setCheckpointEvery(k == 0 ? 0 : 4);
            Tensor in = Tensor.spikesWithEvents(x.copy());
            Tensor out = net.forward(in, true);
            net.backward(Tensor.full(1f, out.shape()));
            grads[k] = net.namedParameters().get("0.weight").grad().data().clone();
        }
        assertArrayEquals(grads[0], grads[1], 1e-5f);
    }

    @Test
    void allZeroAndAllOneTensorsGiveEmptyAndFullLists() {
        Tensor zeros = Tensor.spikesWithEvents(new Tensor(3, 5));
        assertEquals(0, zeros.events().nnz());
        Tensor ones = Tensor.spikesWithEvents(Tensor.full(1f, 3, 5));
        assertEquals(15, ones.events().nnz());
        assertEquals(10, ones.events().rowStart(2));
    }

    @Test
    void matchesDetectsDataWrittenAfterAttaching() {
        Tensor x = Tensor.spikesWithEvents(Tensor.of(new float[] {0, 1, 1, 0}, 2, 2));
        x.data()[0] = 1f;
        assertFalse(x.events().matches(x.data()), "a new non-zero");
        x.data()[0] = 0f;
        x.data()[1] = 0.5f;
        assertFalse(x.events().matches(x.data()), "a changed value");
        x.detachEvents();
        assertNull(x.events());
    }

    @Test
    void reshapeKeepsEventsOnlyWhenTheLastDimensionStays() {
        Tensor x = Tensor.spikesWithEvents(Tensor.of(new float[] {0, 1, 1, 0, 0, 1}, 1, 3, 2));
        assertSame(x.events(), x.reshape(3, 2).events(), "same [rows, cols] layout");
        assertNull(x.reshape(2, 3).events(), "other layout");
        assertNull(x.copy().events(), "a copy is made to be written into");
    }

    @Test
    void attachingEventsOfAnotherLayoutOrInvalidListsIsRejected() {
        Tensor.Events ev = Tensor.Events.scan(new Tensor(4, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor(3, 4).attachEvents(ev));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor.Events(1, 3, new int[] {0, 2}, new int[] {2, 1}, new float[] {1, 1}));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor.Events(1, 3, new int[] {0, 1}, new int[] {3}, new float[] {1}));
        assertTrue(e.getMessage().contains("[0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Tensor.Events(2, 3, new int[] {0, 1}, new int[] {0}, new float[] {1}));
    }
}
