package dev.cowpte.run;

import static dev.cowpte.mm.Geometry.PAGE_SIZE;

import java.util.SplittableRandom;

/**
 * Picks the pages of a page set: every S-th page of a range, or N % of its pages at random. The
 * random choice is the same on every run: its generator (SplitMix64, as
 * {@link SplittableRandom} specifies it) is seeded from {@code machine seed}, the statement's
 * line and the iterations of the repeats around it. Selection sampling (Knuth's algorithm S)
 * takes each page in turn with the probability that leaves exactly the count wanted, so the
 * pages come out in address order.
 */
final class PageSetPicker {
    private PageSetPicker() {
    }

    /** Pages {@code start}, {@code start + step}, … below {@code end} (bytes, page-aligned; step in pages). */
    static PageRuns step(long start, long end, long stepPages) {
        PageRuns runs = new PageRuns();
        long stride = stepPages * PAGE_SIZE;
        for (long a = start; a < end; a += stride) {
            runs.addPage(a);
            if (end - a <= stride) {
                break;
            }
        }
        return runs;
    }

    /** {@code count} of the pages [start, end) chosen by a generator seeded with {@code seed}. */
    static PageRuns random(long start, long end, long count, long seed) {
        PageRuns runs = new PageRuns();
        long pages = (end - start) / PAGE_SIZE;
        SplittableRandom random = new SplittableRandom(seed);
        long left = count;
        for (long i = 0; i < pages && left > 0; i++) {
            long remaining = pages - i;
            if (left == remaining || random.nextLong(remaining) < left) {
                runs.addPage(start + i * PAGE_SIZE);
                left--;
            }
        }
        return runs;
    }

    /** The seed of one statement's random set: the machine's seed, the line, the enclosing repeats' iterations. */
    static long seed(long machineSeed, int line, long[] iterations) {
        long h = mix(machineSeed);
        h = mix(h ^ line);
        for (long i : iterations) {
            h = mix(h ^ i);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
