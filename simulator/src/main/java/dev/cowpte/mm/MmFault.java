package dev.cowpte.mm;

/** An outcome of a simulated operation that a scenario can meet: a signal or an allocation failure. */
public abstract class MmFault extends RuntimeException {
    MmFault(String message) {
        super(message, null, false, false);
    }
}
