/*
 * fork_latency: how long the real kernel's fork() takes per GiB of written
 * private anonymous memory. Same experiment as the program Pasha Tatashin
 * posted in the COW PTE v4 thread (February 2023), written afresh with
 * arguments: map SIZE GiB, write one byte per page, fork NFORKS children
 * that stay alive until all are forked, and print the time per fork per GiB.
 *
 *   gcc -O2 -Wall -o fork_latency benchmarks/native/fork_latency.c
 *   ./fork_latency [GIB=32] [NFORKS=16]
 *
 * Needs GIB of free RAM plus, under a classic kernel, about 2 MiB of page
 * tables per GiB per child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long parse_positive(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v <= 0) {
		fprintf(stderr, "fork_latency: %s must be a positive integer, not '%s'\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	long gib = argc > 1 ? parse_positive(argv[1], "GIB") : 32;
	long nforks = argc > 2 ? parse_positive(argv[2], "NFORKS") : 16;
	size_t size = (size_t)gib << 30;
	long page = sysconf(_SC_PAGESIZE);
	long long t_touch, t0, t1, per_gib_ns;
	pid_t *kids;
	char *buf;
	long n;

	kids = calloc(nforks, sizeof(*kids));
	if (!kids) {
		perror("calloc");
		return 1;
	}
	buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* 4 KiB pages only, as the original: a THP would fork as one pmd entry. */
	if (madvise(buf, size, MADV_NOHUGEPAGE))
		perror("madvise(MADV_NOHUGEPAGE)");

	t_touch = now_ns();
	for (size_t off = 0; off < size; off += page)
		buf[off] = 1;
	t_touch = now_ns() - t_touch;

	t0 = now_ns();
	for (n = 0; n < nforks; n++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			break;
		}
		if (pid == 0) {
			/* Keep the address space alive until the parent is done. */
			for (;;)
				pause();
		}
		kids[n] = pid;
	}
	t1 = now_ns();

	for (long i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (long i = 0; i < n; i++)
		while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR)
			;
	if (n == 0)
		return 1;

	per_gib_ns = (t1 - t0) / n / gib;
	printf("touch %ld GiB: %.3f ms; %ld forks: %.3f ms (%.3f ms per fork)\n",
	       gib, t_touch / 1e6, n, (t1 - t0) / 1e6, (t1 - t0) / 1e6 / n);
	/* The original's line: whole microseconds, printed as seconds. */
	printf("Fork latency per gigabyte: %lld.%06lld seconds\n",
	       per_gib_ns / 1000 / 1000000, per_gib_ns / 1000 % 1000000);
	return 0;
}
