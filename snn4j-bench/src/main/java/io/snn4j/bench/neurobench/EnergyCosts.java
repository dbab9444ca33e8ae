package io.snn4j.bench.neurobench;

/**
 * Energy per operation for {@link EnergyEstimate}, in picojoules.
 *
 * <p>The defaults are Horowitz's 45 nm figures for 32-bit floating point (M. Horowitz, "Computing's energy problem
 * (and what we can do about it)", ISSCC 2014, pp. 10-14, table of operation energies at 45 nm, 0.9 V): an add costs
 * 0.9 pJ and a multiply 3.7 pJ, so a multiply-accumulate (MAC) 4.6 pJ and an accumulate (AC, a spike adding a
 * weight) 0.9 pJ. A neuron update is priced as one MAC (the decay {@code beta U + I}: 4.6 pJ; the threshold test
 * and reset are not counted). A memory access is 5 pJ per 32-bit word: half of the 10 pJ Horowitz gives for a
 * 64-bit read from an 8 KB SRAM cache (our derivation; large memories cost more: 20 pJ per 64 bits at 32 KB,
 * 100 pJ at 1 MB, 1.3-2.6 nJ from DRAM).
 *
 * @param macPj          one multiply-accumulate
 * @param acPj           one accumulate
 * @param neuronUpdatePj one membrane update
 * @param memoryAccessPj one 32-bit memory read or write
 */
public record EnergyCosts(double macPj, double acPj, double neuronUpdatePj, double memoryAccessPj) {

    /** Horowitz, ISSCC 2014, 45 nm, 32-bit float: MAC 4.6, AC 0.9, neuron update 4.6, memory access 5 pJ. */
    public static final EnergyCosts HOROWITZ_45NM_FP32 = new EnergyCosts(4.6, 0.9, 4.6, 5.0);

    public EnergyCosts {
        check("mac", macPj);
        check("ac", acPj);
        check("neuron update", neuronUpdatePj);
        check("memory access", memoryAccessPj);
    }

    private static void check(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new BenchmarkException("energy costs: the cost of a " + what + " must be a finite number of pJ "
                    + ">= 0, got " + v);
        }
    }
}
