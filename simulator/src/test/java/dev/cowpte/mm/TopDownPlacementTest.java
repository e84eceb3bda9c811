package dev.cowpte.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Top-down placement resumes its search, and places every region where a search from the top would. */
class TopDownPlacementTest {
    /** MODEL.md's rule, searched from the top every time. */
    private static long fromTheTop(Mm mm, long len) {
        long top = Geometry.MMAP_BASE;
        for (Vma v : mm.vmas.descendingMap().values()) {
            if (v.start >= top) {
                continue;
            }
            long candidate = Geometry.pmdDown(top - len);
            if (top - len >= 0 && candidate >= v.end) {
                return candidate;
            }
            top = Math.min(top, v.start);
        }
        return Geometry.pmdDown(top - len);
    }

    @Test
    void placementsAreThoseOfAFullSearch() {
        Random random = new Random(5);
        long[] sizes = {4096, 8192, 1 << 20, 2 << 20, 3 << 20, 64 << 20};
        for (int round = 0; round < 200; round++) {
            Machine m = new Machine();
            Mm mm = m.createProcess("p");
            List<Vma> mapped = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                int op = random.nextInt(10);
                if (op < 7) {
                    long len = sizes[random.nextInt(sizes.length)];
                    long expected = fromTheTop(mm, len);
                    Vma v = m.mmap(mm, "r" + k, len, null, Set.of());
                    assertEquals(expected, v.start, "round " + round + " step " + k);
                    mapped.add(v);
                } else if (op < 9 && !mapped.isEmpty()) {
                    Vma v = mapped.remove(random.nextInt(mapped.size()));
                    if (mm.vmas.get(v.start) == v) {
                        m.munmap(mm, v.start, Math.min(v.end - v.start, random.nextBoolean() ? 4096 : v.end - v.start));
                    }
                } else {
                    long at = Geometry.MMAP_BASE - (1 + random.nextInt(64)) * (1L << 20);
                    if (mm.vmasIn(at, at + 4096).isEmpty()) {
                        mapped.add(m.mmap(mm, "f" + k, 4096, at, Set.of()));
                    }
                }
            }
        }
    }

    @Test
    void aMillionRegionsArePlacedInLinearTime() {
        Machine m = new Machine();
        Mm mm = m.createProcess("p");
        long t0 = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            m.mmap(mm, "r" + i, 4096, null, Set.of());
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(true, seconds < 20, "200,000 mmaps took " + seconds + " s");
    }
}
