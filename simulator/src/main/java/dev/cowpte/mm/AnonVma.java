package dev.cowpte.mm;

/**
 * What fork and vma merging need of the kernel's {@code anon_vma}: whether a vma has one (fork's
 * {@code vma_needs_copy} copies the page tables of a private vma only then) and whether it came
 * with a fork ({@code vma_is_fork_child}, whose vmas do not merge with ones that have none).
 * The simulator keeps one vma per region, where the kernel merges adjacent compatible anonymous
 * mappings into one ({@code vma_merge_new_range}, {@code vma_modify_flags}); regions the kernel
 * merged share one {@code AnonVma}, so that a first anonymous fault in either gives both an
 * {@code anon_vma} ({@code anon_vma_prepare}), as it does the one merged vma. A split keeps it
 * on both parts, as {@code __split_vma} does. Kept as a union-find forest: merges only join.
 */
final class AnonVma {
    private AnonVma parent;
    private boolean present;
    private boolean forkChild;

    AnonVma(boolean present, boolean forkChild) {
        this.present = present;
        this.forkChild = forkChild;
    }

    static AnonVma none() {
        return new AnonVma(false, false);
    }

    private AnonVma root() {
        AnonVma r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        for (AnonVma a = this; a != r; ) {
            AnonVma next = a.parent;
            a.parent = r;
            a = next;
        }
        return r;
    }

    /** The vma has an {@code anon_vma}: a private anonymous page was faulted in it (or in a vma merged with it). */
    boolean present() {
        return root().present;
    }

    /** {@code anon_vma_prepare}, on the first anonymous fault. */
    void prepare() {
        root().present = true;
    }

    /** One object per anon_vma, whichever of its merged vmas asks: to key maps by. */
    AnonVma key() {
        return root();
    }

    /**
     * {@code is_mergeable_anon_vma}: two vmas merge when neither has an {@code anon_vma}, when
     * they share one, or when only one has one and it did not come with a fork.
     */
    boolean mergeableWith(AnonVma other) {
        AnonVma a = root();
        AnonVma b = other.root();
        if (a == b || (!a.present && !b.present)) {
            return true;
        }
        if (a.present && b.present) {
            return false;
        }
        return a.present ? !a.forkChild : !b.forkChild;
    }

    /** The two vmas are now one: they share what either had. */
    void merge(AnonVma other) {
        AnonVma a = root();
        AnonVma b = other.root();
        if (a != b) {
            b.parent = a;
            a.present |= b.present;
            a.forkChild |= b.forkChild;
        }
    }

    /** The child's {@code anon_vma} after {@code anon_vma_fork}: one when the parent had one. */
    AnonVma forChild() {
        boolean has = present();
        return new AnonVma(has, has);
    }
}
