package dev.cowpte.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cowpte.mm.Machine;
import dev.cowpte.mm.MapFlag;
import dev.cowpte.mm.Mm;
import dev.cowpte.mm.Thp;
import dev.cowpte.run.MmCall;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The helper's mmap line for hugetlb memory: MAP_HUGETLB of its size, and never a THP advice. */
class HelperCommandTest {
    private final Mm mm = new Machine().createProcess("p");

    private String mmap(Thp thp, MapFlag... flags) {
        return HelperCommand.of("p", new MmCall.Mmap(mm, 0x7e0000000000L, 1L << 30, Set.of(flags)), thp);
    }

    @Test
    void hugetlbMappingsTakeNoThpAdvice() {
        assertEquals("mmap p 0x7e0000000000 1073741824 shared,hugetlb", mmap(Thp.ALWAYS, MapFlag.SHARED, MapFlag.HUGETLB));
        assertEquals("mmap p 0x7e0000000000 1073741824 hugetlb_1g", mmap(Thp.ALWAYS, MapFlag.HUGETLB_1G));
        assertEquals("mmap p 0x7e0000000000 1073741824 hugepage", mmap(Thp.ALWAYS));
    }
}
