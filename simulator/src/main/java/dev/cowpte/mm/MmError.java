package dev.cowpte.mm;

/** A request the kernel would refuse with an error (EINVAL, ENOMEM for address space, ESRCH ...). */
public final class MmError extends RuntimeException {
    public MmError(String message) {
        super(message);
    }
}
