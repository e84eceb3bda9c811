// SPDX-License-Identifier: MIT
/*
 * Tests of cowpte-oracle: drives the controller through pipes and checks
 * its answers against the kernel's own /proc files.  Needs root (pagemap
 * PFNs and /proc/kpagecount).
 *
 * usage: oracle-test PATH-TO-cowpte-oracle
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REGION 0x7f0000000000ULL
#define UNMAPPED 0x7e0000000000ULL
#define RO_REGION 0x7f1000000000ULL

static const char *oracle;
static int passed, failed;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s - ", ok ? "ok  " : "FAIL");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

/* ---------------------------------------------------------------------- */
/* The controller under test                                               */

struct ctl {
	pid_t pid;
	int to, from; /* its stdin, its stdout */
	char buf[1 << 16];
	size_t len;
	char line[1 << 16];
};

static void start(struct ctl *c)
{
	int in[2], out[2];
	if (pipe(in) < 0 || pipe(out) < 0) {
		perror("pipe");
		exit(2);
	}
	c->pid = fork();
	if (c->pid < 0) {
		perror("fork");
		exit(2);
	}
	if (c->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execl(oracle, oracle, (char *)NULL);
		perror(oracle);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	c->to = in[1];
	c->from = out[0];
	c->len = 0;
}

/* Sends one command and returns its answer line ("" on timeout/EOF). */
static const char *cmd(struct ctl *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *cmd(struct ctl *c, const char *fmt, ...)
{
	char out[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, sizeof out - 1, fmt, ap);
	va_end(ap);
	out[n++] = '\n';
	if (write(c->to, out, (size_t)n) != n) {
		c->line[0] = 0;
		return c->line;
	}
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		if (nl) {
			size_t k = (size_t)(nl - c->buf);
			memcpy(c->line, c->buf, k);
			c->line[k] = 0;
			memmove(c->buf, nl + 1, c->len - k - 1);
			c->len -= k + 1;
			return c->line;
		}
		struct pollfd p = { c->from, POLLIN, 0 };
		if (poll(&p, 1, 5000) <= 0 || c->len == sizeof c->buf) {
			fprintf(stderr, "no answer to: %.*s", n, out);
			c->line[0] = 0;
			return c->line;
		}
		ssize_t r = read(c->from, c->buf + c->len, sizeof c->buf - c->len);
		if (r <= 0) {
			c->line[0] = 0;
			return c->line;
		}
		c->len += (size_t)r;
	}
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "ok N" -> N, or -1 */
static long ok_num(const char *s)
{
	char *end;
	if (!starts(s, "ok "))
		return -1;
	long v = strtol(s + 3, &end, 10);
	return *end ? -1 : v;
}

/* The child's pid of a fork answer "ok PID ns=NS" (-1 otherwise); *ns gets
 * the fork's duration in the parent (-1 if the answer has none). */
static long fork_pid(const char *s, long long *ns)
{
	char *end;
	*ns = -1;
	if (!starts(s, "ok "))
		return -1;
	long v = strtol(s + 3, &end, 10);
	if (!starts(end, " ns="))
		return -1;
	long long t = strtoll(end + 4, &end, 10);
	if (*end)
		return -1;
	*ns = t;
	return v;
}

/* Waits up to ms for the controller to exit; returns its status or -1. */
static int wait_exit(pid_t pid, int ms)
{
	for (int t = 0; t < ms; t += 10) {
		int st;
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return st;
		usleep(10000);
	}
	return -1;
}

/* ---------------------------------------------------------------------- */
/* /proc readers                                                           */

static long status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	long v = -1;
	size_t n = strlen(field);
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, n) && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static long minflt(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	if (!p)
		return -1;
	/* after ")": state(3) ppid pgrp session tty tpgid flags minflt(10) */
	long v = -1;
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %ld", &v) != 1)
		return -1;
	return v;
}

/* "Anonymous:" of the mapping that starts at addr, in kB */
static long smaps_anon(pid_t pid, uint64_t addr)
{
	char path[64], line[512], head[32];
	snprintf(path, sizeof path, "/proc/%d/smaps", (int)pid);
	snprintf(head, sizeof head, "%" PRIx64 "-", addr);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	long v = -1;
	int in = 0;
	while (fgets(line, sizeof line, f)) {
		if (starts(line, head))
			in = 1;
		else if (in && starts(line, "Anonymous:")) {
			v = strtol(line + 10, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static uint64_t pagemap(pid_t pid, uint64_t addr)
{
	char path[64];
	uint64_t e = 0;
	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	if (pread(fd, &e, sizeof e, (off_t)(addr / 4096 * 8)) != sizeof e)
		e = 0;
	close(fd);
	return e;
}

#define PRESENT(e) (((e) >> 63) & 1)
#define PFN(e) ((e) & ((1ULL << 55) - 1))

static int64_t kpagecount(uint64_t pfn)
{
	uint64_t v;
	int fd = open("/proc/kpagecount", O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t r = pread(fd, &v, sizeof v, (off_t)(pfn * 8));
	close(fd);
	return r == sizeof v ? (int64_t)v : -1;
}

static int alive(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	return access(path, F_OK) == 0;
}

static pid_t ppid_of(pid_t pid)
{
	return (pid_t)status_kb(pid, "PPid");
}

/* Collects the pids of "ok a=1 b=2 ..." */
static int list_pids(const char *s, pid_t *pids, int max)
{
	int n = 0;
	for (const char *p = strchr(s, '='); p && n < max; p = strchr(p + 1, '='))
		pids[n++] = (pid_t)atol(p + 1);
	return n;
}

/* Waits up to ms until none of the pids exists, reaping what comes to us. */
static int all_gone(const pid_t *pids, int n, int ms)
{
	for (int t = 0;; t += 10) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		int any = 0;
		for (int i = 0; i < n; i++)
			any |= alive(pids[i]);
		if (!any)
			return 1;
		if (t >= ms)
			return 0;
		usleep(10000);
	}
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                   */

static void test_memory(struct ctl *c)
{
	const char *r;
	r = cmd(c, "hello");
	char want[64];
	snprintf(want, sizeof want, "ok cowpte-oracle 1 pid=%d", (int)c->pid);
	check(!strcmp(r, want), "hello -> '%s'", r);

	long p = ok_num(cmd(c, "spawn p"));
	check(p > 0 && alive(p), "spawn p -> pid %ld", p);
	check(ppid_of(p) == c->pid, "p is a child of the controller");
	r = cmd(c, "spawn p");
	check(starts(r, "err EEXIST"), "spawn of a taken ID -> '%s'", r);

	long rss0 = status_kb(p, "RssAnon"), pte0 = status_kb(p, "VmPTE");
	r = cmd(c, "mmap p 0x%llx 0x200000 -", REGION);
	check(!strcmp(r, "ok"), "mmap 2 MiB -> '%s'", r);
	long flt0 = minflt(p);
	r = cmd(c, "touch p 0x%llx 2097152 write", REGION);
	long flt1 = minflt(p);
	long rss1 = status_kb(p, "RssAnon"), pte1 = status_kb(p, "VmPTE");
	check(!strcmp(r, "ok"), "touch write 2 MiB -> '%s'", r);
	check(rss1 - rss0 == 2048, "RssAnon grew by %ld kB (2048 expected)", rss1 - rss0);
	check(pte1 - pte0 == 12, "VmPTE grew by %ld kB (12 expected: PUD+PMD+PTE)", pte1 - pte0);
	check(flt1 - flt0 == 512, "touch of 512 pages took %ld faults (512 expected)", flt1 - flt0);

	r = cmd(c, "write p 0x%llx 0x1000 12345", REGION);
	check(!strcmp(r, "ok"), "write -> '%s'", r);
	flt0 = minflt(p);
	r = cmd(c, "read p %llu", REGION); /* decimal address */
	flt1 = minflt(p);
	check(!strcmp(r, "ok 12345"), "read returns what write stored -> '%s'", r);
	check(flt1 == flt0, "read of a present page took %ld faults (0 expected)", flt1 - flt0);
	r = cmd(c, "write p 0x%llx 1 18446744073709551615", REGION + 0x1000);
	r = cmd(c, "read p 0x%llx", REGION + 0x1234);
	check(!strcmp(r, "ok 18446744073709551615"), "read at an unaligned address reads the page start -> '%s'", r);
	flt0 = minflt(p);
	cmd(c, "pid p");
	cmd(c, "list");
	flt1 = minflt(p);
	check(flt1 == flt0, "controller-only commands cause no faults in p (%ld)", flt1 - flt0);

	/* fork: the child gets copies of the tables */
	uint64_t pm_p1 = pagemap(p, REGION + 0x2000);
	long long fork_ns;
	r = cmd(c, "fork p c");
	long ch = fork_pid(r, &fork_ns);
	check(ch > 0 && alive(ch), "fork p c -> pid %ld ('%s')", ch, r);
	check(fork_ns > 0, "fork p c -> the fork()'s duration in the parent, ns=%lld", fork_ns);
	check(ppid_of(ch) == c->pid, "the fork child is a child of the controller");
	long prss = status_kb(p, "RssAnon"), crss = status_kb(ch, "RssAnon");
	long ppte = status_kb(p, "VmPTE"), cpte = status_kb(ch, "VmPTE");
	check(prss == crss, "child RssAnon %ld kB == parent %ld kB", crss, prss);
	check(ppte == cpte, "child VmPTE %ld kB == parent %ld kB", cpte, ppte);
	check(smaps_anon(ch, REGION) == 2048 && smaps_anon(p, REGION) == 2048,
	      "region Anonymous: child %ld kB, parent %ld kB", smaps_anon(ch, REGION), smaps_anon(p, REGION));
	uint64_t pm_c1 = pagemap(ch, REGION + 0x2000);
	check(PRESENT(pm_c1) && PFN(pm_c1) == PFN(pm_p1) && PFN(pm_c1) != 0,
	      "child shares the parent's page (pfn 0x%llx / 0x%llx)",
	      (unsigned long long)PFN(pm_c1), (unsigned long long)PFN(pm_p1));
	check(kpagecount(PFN(pm_c1)) == 2, "the shared page is mapped twice (kpagecount %lld)",
	      (long long)kpagecount(PFN(pm_c1)));
	r = cmd(c, "read c 0x%llx", REGION);
	check(!strcmp(r, "ok 12345"), "child reads the parent's value -> '%s'", r);

	/* timefork: real forks of p, timed; the children are gone at once */
	long before_flt = minflt(p);
	r = cmd(c, "timefork p 3");
	int nt = 0;
	int positive = 1;
	if (starts(r, "ok ")) {
		const char *q = r + 2;
		while (*q == ' ') {
			char *end;
			long long v = strtoll(q + 1, &end, 10);
			positive = positive && v > 0;
			nt++;
			q = end;
		}
	}
	check(nt == 3 && positive, "timefork p 3 -> three positive durations: '%s'", r);
	check(minflt(p) - before_flt < 64, "timefork leaves p's pages alone (%ld faults)", minflt(p) - before_flt);
	r = cmd(c, "read p 0x%llx", (unsigned long long)REGION);
	check(!strcmp(r, "ok 12345"), "p still reads its value after timefork -> '%s'", r);
	r = cmd(c, "timefork p 0");
	check(starts(r, "err EINVAL"), "timefork of 0 forks -> '%s'", r);
	r = cmd(c, "timefork nobody 1");
	check(starts(r, "err no-such-process"), "timefork of an unknown ID -> '%s'", r);
	r = cmd(c, "write c 0x%llx 0x1000 0x3e7", REGION);
	check(!strcmp(r, "ok"), "child write -> '%s'", r);
	r = cmd(c, "read p 0x%llx", REGION);
	check(!strcmp(r, "ok 12345"), "child write leaves the parent's value -> '%s'", r);
	r = cmd(c, "read c 0x%llx", REGION);
	check(!strcmp(r, "ok 999"), "child reads its own value -> '%s'", r);
	check(PFN(pagemap(ch, REGION)) != PFN(pagemap(p, REGION)), "child write got its own page");

	/* segmentation faults */
	r = cmd(c, "touch c 0x%llx 0x1000 read", UNMAPPED);
	check(!strncmp(r, "segv 0x7e0000000000 minflt=", 27), "touch of unmapped memory -> '%s'", r);
	check(!alive(ch), "the faulting process is gone (no /proc/%ld)", ch);
	r = cmd(c, "pid c");
	check(starts(r, "err no-such-process"), "pid of a dead ID -> '%s'", r);
	r = cmd(c, "mmap p 0x%llx 0x1000 readonly", RO_REGION);
	check(!strcmp(r, "ok"), "mmap readonly -> '%s'", r);
	r = cmd(c, "touch p 0x%llx 0x1000 read", RO_REGION);
	check(!strcmp(r, "ok"), "read of readonly memory -> '%s'", r);
	r = cmd(c, "touch p 0x%llx 0x1000 write", RO_REGION);
	check(!strncmp(r, "segv 0x7f1000000000 minflt=", 27), "write to readonly memory -> '%s'", r);
	check(!alive(p), "p is gone");
}

static void test_pin(struct ctl *c)
{
	const char *r;
	long q = ok_num(cmd(c, "spawn q"));
	check(q > 0, "spawn q -> %ld", q);
	cmd(c, "mmap q 0x%llx 0x200000 -", REGION);
	cmd(c, "touch q 0x%llx 0x200000 write", REGION);
	uint64_t e0 = pagemap(q, REGION);
	int64_t kc0 = kpagecount(PFN(e0));
	r = cmd(c, "pin q 0x%llx 0x1000", REGION);
	check(!strcmp(r, "ok"), "pin -> '%s'", r);
	uint64_t e1 = pagemap(q, REGION);
	check(PFN(e1) == PFN(e0) && kpagecount(PFN(e1)) == kc0 && kc0 == 1,
	      "pin leaves the page and its kpagecount (%lld -> %lld)", (long long)kc0,
	      (long long)kpagecount(PFN(e1)));
	long long fork_ns;
	long qc = fork_pid(cmd(c, "fork q qc"), &fork_ns);
	check(qc > 0, "fork q qc -> %ld", qc);
	uint64_t pq = pagemap(q, REGION), pc = pagemap(qc, REGION);
	check(PRESENT(pq) && PRESENT(pc) && PFN(pq) != PFN(pc) && PFN(pc) != 0,
	      "the child got a copy of the pinned page (pfn 0x%llx / 0x%llx)",
	      (unsigned long long)PFN(pq), (unsigned long long)PFN(pc));
	pq = pagemap(q, REGION + 0x1000);
	pc = pagemap(qc, REGION + 0x1000);
	check(PRESENT(pc) && PFN(pq) == PFN(pc), "an unpinned page stays shared");

	r = cmd(c, "unpin q 0x%llx 0x800", REGION);
	check(!strcmp(r, "err EINVAL partial unpin"), "partial unpin -> '%s'", r);
	r = cmd(c, "unpin q 0x%llx 0x200000", REGION);
	check(!strcmp(r, "ok"), "unpin -> '%s'", r);
	long qd = fork_pid(cmd(c, "fork q qd"), &fork_ns);
	pq = pagemap(q, REGION);
	pc = pagemap(qd, REGION);
	check(qd > 0 && PRESENT(pc) && PFN(pq) == PFN(pc), "after unpin fork shares the page again");
	r = cmd(c, "pin q 0x%llx 0x1000", UNMAPPED);
	check(starts(r, "err EFAULT"), "pin of unmapped memory -> '%s'", r);
	check(ok_num(cmd(c, "pid q")) == q, "q survives a refused pin");

	/* children outlive their parent */
	r = cmd(c, "exit q");
	check(!strcmp(r, "ok"), "exit q -> '%s'", r);
	check(!alive(q), "q is gone");
	r = cmd(c, "read qd 0x%llx", REGION);
	check(!strcmp(r, "ok 0"), "qd lives on after its parent exited -> '%s'", r);
	r = cmd(c, "list");
	char want[128];
	snprintf(want, sizeof want, "ok qc=%ld qd=%ld", qc, qd);
	check(!strcmp(r, want), "list -> '%s'", r);
}

/* A process killed between commands: its next command says how it died, once. */
static void test_death(struct ctl *c)
{
	long v = ok_num(cmd(c, "spawn victim"));
	check(v > 0, "spawn victim -> %ld", v);
	if (v <= 0)
		return;
	kill((pid_t)v, SIGKILL);
	const char *r = "";
	for (int i = 0; i < 200; i++) { /* the controller reaps it when SIGCHLD wakes it */
		r = cmd(c, "list");
		if (!strstr(r, "victim="))
			break;
		usleep(10000);
	}
	check(!strstr(r, "victim="), "a killed process is reaped and no longer listed -> '%s'", r);
	r = cmd(c, "touch victim 0x%llx 0x1000 read", REGION);
	check(!strcmp(r, "err died signal 9"), "the next command to it says how it died -> '%s'", r);
	r = cmd(c, "pid victim");
	check(starts(r, "err no-such-process"), "then it is unknown -> '%s'", r);
	r = cmd(c, "spawn victim");
	check(ok_num(r) > 0, "its ID can be used again -> '%s'", r);
	r = cmd(c, "exit victim");
	check(!strcmp(r, "ok"), "exit victim -> '%s'", r);
}

static void test_malformed(struct ctl *c)
{
	static const char *bad[] = {
		"", "bogus", "spawn", "spawn a b", "spawn a=b", "mmap qd zz 0x1000 -",
		"mmap qd 0x7f2000000000 0x1000 sideways", "mmap qd 0x7f2000000000 0x1000 shared,",
		"mmap qd 0x7f2000000000 0x1000 hugepage,nohugepage",
		"touch qd 0x7f0000000000 0x1000 sideways", "read nobody 0x1000",
		"read qd 0x", "read qd 99999999999999999999999", "read qd -1",
		"mprotect qd 0x7f0000000000 0x1000 rx", "madvise qd 0x7f0000000000 0x1000 free",
		"touch qd 0xffffffffffffffff 2 read", "hello there", "fork qd qc",
		"spawn 0123456789012345678901234567890123456789012345678901234567890123",
		"mmap qd 0x7f0000000000 0x1000 -", "mmap qd 0x7f0000000001 0x1000 -",
		"munmap qd 0x7f0000000001 0x1000",
		"a b c d e f g h i j k",
	};
	int all = 1;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *r = cmd(c, "%s", bad[i]);
		if (!starts(r, "err ")) {
			all = 0;
			printf("     '%s' -> '%s'\n", bad[i], r);
		}
	}
	check(all, "%zu malformed or refused commands all answer err", sizeof bad / sizeof bad[0]);
	static char huge[70000];
	memset(huge, 'x', sizeof huge - 1);
	ssize_t w = write(c->to, huge, sizeof huge - 1);
	(void)w;
	const char *r = cmd(c, "xxx"); /* ends the long line */
	check(starts(r, "err usage"), "an overlong line -> '%.30s'", r);
	r = cmd(c, "hello");
	check(starts(r, "ok cowpte-oracle"), "still answering after it -> '%s'", r);
}

static void test_quit(struct ctl *c)
{
	pid_t pids[16];
	int n = list_pids(cmd(c, "list"), pids, 16);
	const char *r = cmd(c, "quit");
	check(!strcmp(r, "ok"), "quit -> '%s'", r);
	int st = wait_exit(c->pid, 3000);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the controller exits 0 after quit");
	check(n == 2 && all_gone(pids, n, 2000), "after quit no scenario process is left (%d)", n);
	close(c->to);
	close(c->from);
}

/* Starts a controller with three processes and returns their pids. */
static int populate(struct ctl *c, pid_t *pids)
{
	start(c);
	int n = 0;
	long v;
	if ((v = ok_num(cmd(c, "spawn a"))) > 0)
		pids[n++] = (pid_t)v;
	long long ns;
	if ((v = fork_pid(cmd(c, "fork a b"), &ns)) > 0)
		pids[n++] = (pid_t)v;
	if ((v = ok_num(cmd(c, "spawn c"))) > 0)
		pids[n++] = (pid_t)v;
	cmd(c, "mmap b 0x%llx 0x1000 -", REGION);
	return n;
}

static long nr_hugepages_2m(void)
{
	FILE *f = fopen("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "r");
	long n = -1;
	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/* hugetlb: the controller lends the scenario a pool, maps MAP_HUGETLB memory, and gives the pool back. */
static void test_hugetlb(void)
{
	struct ctl *c = calloc(1, sizeof *c);
	long before = nr_hugepages_2m();
	start(c);
	const char *r = cmd(c, "hugetlb 2048 2");
	check(!strcmp(r, "ok 2"), "hugetlb 2048 2 -> '%s'", r);
	check(nr_hugepages_2m() == before + 2, "nr_hugepages grew by 2 (%ld)", nr_hugepages_2m() - before);
	r = cmd(c, "hugetlb 4096 1");
	check(starts(r, "err EINVAL"), "a pool of a size x86-64 has not -> '%s'", r);
	long h = ok_num(cmd(c, "spawn h"));
	r = cmd(c, "mmap h 0x7e0000000000 0x400000 shared,hugetlb");
	check(!strcmp(r, "ok"), "mmap 4 MiB shared hugetlb -> '%s'", r);
	long flt0 = minflt(h);
	r = cmd(c, "touch h 0x7e0000000000 0x400000 write");
	check(!strcmp(r, "ok") && minflt(h) - flt0 == 2, "touch of two 2 MiB pages takes 2 faults (%ld)", minflt(h) - flt0);
	check(status_kb(h, "HugetlbPages") == 4096, "HugetlbPages is 4096 kB (%ld)", status_kb(h, "HugetlbPages"));
	check(status_kb(h, "RssAnon") < 1024, "hugetlb pages are not in RssAnon (%ld kB)", status_kb(h, "RssAnon"));
	long long ns;
	long hc = fork_pid(cmd(c, "fork h hc"), &ns);
	check(hc > 0 && status_kb(hc, "HugetlbPages") == 0, "a shared hugetlb mapping is not copied at fork");
	r = cmd(c, "mmap h 0x7e0040000000 0x400000 hugetlb");
	check(starts(r, "err ENOMEM"), "a mapping the pool cannot reserve -> '%s'", r);
	r = cmd(c, "mmap h 0x7e0040000000 0x200000 hugetlb,hugepage");
	check(starts(r, "err usage"), "hugetlb and THP advice exclude each other -> '%s'", r);
	kill(c->pid, SIGTERM);
	int st = wait_exit(c->pid, 3000);
	check(st >= 0, "the controller exits on SIGTERM");
	check(nr_hugepages_2m() == before, "the pool is given back at exit (%ld, was %ld)", nr_hugepages_2m(), before);
	close(c->to);
	close(c->from);
	free(c);
}

static void test_endings(void)
{
	struct ctl *c = calloc(1, sizeof *c);
	pid_t pids[3];
	int n;

	n = populate(c, pids);
	close(c->to);
	int st = wait_exit(c->pid, 3000);
	check(st >= 0 && WIFEXITED(st), "the controller exits on end of input");
	check(n == 3 && all_gone(pids, n, 2000), "after end of input no scenario process is left");
	close(c->from);

	n = populate(c, pids);
	kill(c->pid, SIGKILL);
	st = wait_exit(c->pid, 3000);
	check(st >= 0 && WIFSIGNALED(st), "the controller is killed");
	check(n == 3 && all_gone(pids, n, 3000), "after SIGKILL of the controller no scenario process is left");
	close(c->to);
	close(c->from);

	n = populate(c, pids);
	kill(c->pid, SIGTERM);
	st = wait_exit(c->pid, 3000);
	check(st >= 0, "the controller exits on SIGTERM");
	check(n == 3 && all_gone(pids, n, 2000), "after SIGTERM no scenario process is left");
	close(c->to);
	close(c->from);
	free(c);
}

/* Whether the working directory holds a file the controller created. */
static int leftover_files(void)
{
	DIR *d = opendir(".");
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "cowpte-file-", 12))
			n++;
	if (d)
		closedir(d);
	return n;
}

static void test_files(struct ctl *c)
{
	const uint64_t priv = 0x7e2000000000ULL, shared = 0x7e4000000000ULL;
	const char *r = cmd(c, "file lib 4194304");
	check(!strcmp(r, "ok"), "file lib of 4 MiB -> '%s'", r);
	check(leftover_files() == 0, "the file is unlinked at once: nothing left in the working directory");
	r = cmd(c, "file lib 4096");
	check(starts(r, "err EEXIST"), "file of a taken ID -> '%s'", r);
	r = cmd(c, "file empty 0");
	check(starts(r, "err EINVAL"), "file of 0 bytes -> '%s'", r);
	long f = ok_num(cmd(c, "spawn f"));
	check(f > 0, "spawn f -> %ld", f);
	r = cmd(c, "mmap f 0x%llx 4194304 - nothing", (unsigned long long)priv);
	check(starts(r, "err ENOENT"), "mmap of an unknown file -> '%s'", r);
	r = cmd(c, "mmap f 0x%llx 4194304 - lib", (unsigned long long)priv);
	check(!strcmp(r, "ok"), "mmap lib private -> '%s'", r);
	long file0 = status_kb(f, "RssFile"), flt0 = minflt(f);
	r = cmd(c, "touch f 0x%llx 4194304 read", (unsigned long long)priv);
	long file1 = status_kb(f, "RssFile"), flt1 = minflt(f);
	check(!strcmp(r, "ok"), "touch read of the file -> '%s'", r);
	check(file1 - file0 == 4096, "RssFile grew by %ld kB (4096 expected: the file was in the cache)", file1 - file0);
	check(flt1 - flt0 == 64, "1024 pages read in %ld faults (64 expected: fault-around of 16 pages)", flt1 - flt0);
	long anon0 = status_kb(f, "RssAnon");
	r = cmd(c, "write f 0x%llx 4096 7", (unsigned long long)priv);
	check(!strcmp(r, "ok"), "private write -> '%s'", r);
	check(status_kb(f, "RssAnon") - anon0 == 4 && status_kb(f, "RssFile") == file1 - 4,
	      "a private write copies the page into anonymous memory (RssAnon %+ld kB, RssFile %+ld kB)",
	      status_kb(f, "RssAnon") - anon0, status_kb(f, "RssFile") - file1);
	r = cmd(c, "mmap f 0x%llx 4194304 shared lib", (unsigned long long)shared);
	check(!strcmp(r, "ok"), "mmap lib shared -> '%s'", r);
	r = cmd(c, "write f 0x%llx 4096 9", (unsigned long long)(shared + 8192));
	check(!strcmp(r, "ok"), "shared write -> '%s'", r);
	r = cmd(c, "read f 0x%llx", (unsigned long long)(priv + 8192));
	check(!strcmp(r, "ok 9"), "the private mapping sees the shared write in the file -> '%s'", r);
	r = cmd(c, "read f 0x%llx", (unsigned long long)priv);
	check(!strcmp(r, "ok 7"), "and keeps its own copy -> '%s'", r);
	r = cmd(c, "exit f");
	check(!strcmp(r, "ok"), "exit f -> '%s'", r);
	check(leftover_files() == 0, "nothing left in the working directory");
}

static void test_mremap(struct ctl *c)
{
	const uint64_t a = 0x7e6000000000ULL, b = 0x7e8000000000ULL;
	long m = ok_num(cmd(c, "spawn m"));
	check(m > 0, "spawn m -> %ld", m);
	const char *r = cmd(c, "mmap m 0x%llx 4194304 -", (unsigned long long)a);
	check(!strcmp(r, "ok"), "mmap 4 MiB -> '%s'", r);
	r = cmd(c, "touch m 0x%llx 4194304 write", (unsigned long long)a);
	r = cmd(c, "write m 0x%llx 4096 77", (unsigned long long)(a + 4096));
	long flt0 = minflt(m), anon0 = status_kb(m, "RssAnon");
	r = cmd(c, "mremap m 0x%llx 4194304 8388608", (unsigned long long)a);
	check(!strcmp(r, "ok 0x7e6000000000"), "mremap grows in place -> '%s'", r);
	r = cmd(c, "mremap m 0x%llx 8388608 8388608 0x%llx", (unsigned long long)a, (unsigned long long)b);
	check(!strcmp(r, "ok 0x7e8000000000"), "mremap moves to the address asked -> '%s'", r);
	check(minflt(m) == flt0, "the move takes no fault (%ld)", minflt(m) - flt0);
	check(status_kb(m, "RssAnon") == anon0, "the pages moved with it (RssAnon %ld kB, was %ld)",
	      status_kb(m, "RssAnon"), anon0);
	r = cmd(c, "read m 0x%llx", (unsigned long long)(b + 4096));
	check(!strcmp(r, "ok 77"), "the moved page keeps its value -> '%s'", r);
	r = cmd(c, "mremap m 0x%llx 8388608 4194304", (unsigned long long)b);
	check(!strcmp(r, "ok 0x7e8000000000"), "mremap shrinks in place -> '%s'", r);
	r = cmd(c, "mremap m 0x%llx 4096 8192", (unsigned long long)a);
	check(starts(r, "err EFAULT"), "mremap of an unmapped range -> '%s'", r);
	r = cmd(c, "exit m");
	check(!strcmp(r, "ok"), "exit m -> '%s'", r);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-TO-cowpte-oracle\n", argv[0]);
		return 2;
	}
	oracle = argv[1];
	if (geteuid() != 0)
		fprintf(stderr, "warning: not root, pagemap PFNs and kpagecount will not be readable\n");
	signal(SIGPIPE, SIG_IGN);
	/* orphans of a killed controller come to us, so they can be reaped */
	prctl(PR_SET_CHILD_SUBREAPER, 1);

	struct ctl *c = calloc(1, sizeof *c);
	start(c);
	test_memory(c);
	test_files(c);
	test_mremap(c);
	test_pin(c);
	test_death(c);
	test_malformed(c);
	test_quit(c);
	free(c);
	test_endings();
	test_hugetlb();

	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
