// SPDX-License-Identifier: MIT
/*
 * cowpte-oracle: runs a cowpte scenario on the running Linux kernel.
 *
 * The controller reads one command per line on stdin and answers exactly one
 * line per command on stdout.  Every scenario process is a real process that
 * performs its memory operations itself, on orders received over its own
 * AF_UNIX SOCK_SEQPACKET socket.  See README.md for the protocol.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/io_uring.h>

#define PROTOCOL_VERSION 1
#define MAX_PROCS 4096
#define MAX_PINS 64
#define MAX_FILES 64
#define TMPFS_MAGIC_NUMBER 0x01021994
#define RAMFS_MAGIC_NUMBER 0x858458f6
#define MAX_ID 63
#define MAX_SELF 256
#define MAX_IOV 1024
#define MAX_WORDS 8
#define PAGE 4096UL
#define GIB (1UL << 30)
#define SOCK_FD 3 /* a scenario process's socket always lives on fd 3 */
#define STACK_PREFAULT (256 * 1024)
#define IN_SIZE (64 * 1024)
#define OUT_SIZE (512 * 1024)

/* ---------------------------------------------------------------------- */
/* Messages between the controller and a scenario process (fixed size).    */

enum op {
	OP_MMAP = 1, OP_MUNMAP, OP_MPROTECT, OP_MADVISE, OP_TOUCH_READ,
	OP_TOUCH_WRITE, OP_WRITE, OP_READ, OP_PIN, OP_UNPIN, OP_FORK, OP_EXIT,
	OP_TIMEFORK, OP_MREMAP
};

enum rep_kind { REP_OK = 1, REP_ERR, REP_SEGV, REP_READY, REP_TIME };

/* detail codes of REP_ERR, so the controller can word the message */
enum detail { D_NONE = 0, D_PARTIAL_UNPIN, D_PIN_TABLE_FULL, D_PIN_TOO_BIG,
	D_MOVED, D_SETUP, D_REGISTER, D_MADVISE };

struct req {
	uint32_t op;
	uint32_t flags;
	uint64_t addr, len, val;
	uint64_t addr2; /* mremap: the new address, 0 for none */
};

struct rep {
	uint32_t kind;
	int32_t err;  /* errno for REP_ERR, signal number for REP_SEGV */
	uint64_t val; /* value, pid, fault address or detail code */
};

/* mmap flag bits */
#define F_SHARED 1u
#define F_READONLY 2u
#define F_DONTFORK 4u
#define F_WIPEONFORK 8u
#define F_HUGEPAGE 16u
#define F_NOHUGEPAGE 32u
#define F_HUGETLB 64u
#define F_HUGETLB_1G 128u

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << MAP_HUGE_SHIFT)
#endif
#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB (30 << MAP_HUGE_SHIFT)
#endif

/* ---------------------------------------------------------------------- */
/* State shared by the controller and (inherited by) scenario processes.
 * Kept small: every page of it is settled, i.e. resident, in every
 * scenario process. */

struct self_map {
	uintptr_t start, end;
	int writable;
};

static struct self_map self_maps[MAX_SELF];
static int n_self;
static pid_t controller_pid;

/* scenario process state */
struct pin {
	uint64_t start, len;
	int fd; /* io_uring fd, -1 when the slot is free */
};

static struct pin pins[MAX_PINS];
static struct iovec pin_iov[MAX_IOV];
static char alt_stack[64 * 1024] __attribute__((aligned(16)));
static char cmsg_buf[CMSG_SPACE(sizeof(int))] __attribute__((aligned(8)));

/* controller state: allocated after the self map is recorded, in a
 * MADV_DONTFORK mapping, so scenario processes never inherit it */
struct proc {
	char id[MAX_ID + 1];
	pid_t pid; /* 0: free slot, or a process that died between commands */
	int fd;
	int died;   /* it died between commands (reaped, status kept): told at its next command */
	int status; /* its wait status then */
};

struct ctl {
	struct proc procs[MAX_PROCS];
	char in[IN_SIZE];
	char out[OUT_SIZE];
};

static struct ctl *ctl;
static size_t in_len;
static size_t out_len;
static volatile sig_atomic_t in_cleanup;

/* ---------------------------------------------------------------------- */
/* Small helpers                                                           */

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void diag(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	buf[n++] = '\n';
	ssize_t w = write(2, buf, n);
	(void)w;
}

struct errname {
	int no;
	const char *name;
	const char *msg;
};

static const struct errname errnames[] = {
	{ EPERM, "EPERM", "operation not permitted" },
	{ ENOENT, "ENOENT", "no such file or directory" },
	{ ESRCH, "ESRCH", "no such process" },
	{ EINTR, "EINTR", "interrupted system call" },
	{ EIO, "EIO", "input/output error" },
	{ E2BIG, "E2BIG", "argument list too long" },
	{ EBADF, "EBADF", "bad file descriptor" },
	{ EAGAIN, "EAGAIN", "resource temporarily unavailable" },
	{ ENOMEM, "ENOMEM", "cannot allocate memory" },
	{ EACCES, "EACCES", "permission denied" },
	{ EFAULT, "EFAULT", "bad address" },
	{ EBUSY, "EBUSY", "device or resource busy" },
	{ EEXIST, "EEXIST", "file exists" },
	{ ENODEV, "ENODEV", "no such device" },
	{ EINVAL, "EINVAL", "invalid argument" },
	{ ENFILE, "ENFILE", "too many open files in system" },
	{ EMFILE, "EMFILE", "too many open files" },
	{ ENOSPC, "ENOSPC", "no space left" },
	{ EOVERFLOW, "EOVERFLOW", "value too large" },
	{ ENOSYS, "ENOSYS", "function not implemented" },
	{ EOPNOTSUPP, "EOPNOTSUPP", "operation not supported" },
	{ EHWPOISON, "EHWPOISON", "memory page has hardware error" },
};

static const char *err_name(int e, const char **msg)
{
	static char other[16];
	for (size_t i = 0; i < sizeof errnames / sizeof errnames[0]; i++)
		if (errnames[i].no == e) {
			*msg = errnames[i].msg;
			return errnames[i].name;
		}
	snprintf(other, sizeof other, "E%d", e);
	*msg = "error";
	return other;
}

/* ---------------------------------------------------------------------- */
/* Output (controller)                                                     */

static void cleanup_and_exit(int status);

static void out_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out_add(const char *fmt, ...)
{
	va_list ap;
	if (out_len >= OUT_SIZE - 1)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(ctl->out + out_len, OUT_SIZE - 1 - out_len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	out_len += (size_t)n;
	if (out_len > OUT_SIZE - 2)
		out_len = OUT_SIZE - 2;
}

static void out_flush(void)
{
	ctl->out[out_len++] = '\n';
	size_t off = 0;
	while (off < out_len) {
		ssize_t w = write(1, ctl->out + off, out_len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag("cowpte-oracle: stdout is gone, exiting");
			cleanup_and_exit(1);
		}
		off += (size_t)w;
	}
	out_len = 0;
}

#define answer(...) do { out_add(__VA_ARGS__); out_flush(); } while (0)

static void answer_errno(int e, const char *what)
{
	const char *msg;
	const char *name = err_name(e, &msg);
	if (what)
		answer("err %s %s: %s", name, what, msg);
	else
		answer("err %s %s", name, msg);
}

/* ---------------------------------------------------------------------- */
/* Settle: fault in every page of every mapping recorded at start-up.      */

static void settle(void)
{
	for (int i = 0; i < n_self; i++) {
		volatile char *p = (volatile char *)self_maps[i].start;
		volatile char *e = (volatile char *)self_maps[i].end;
		if (self_maps[i].writable) {
			for (; p < e; p += PAGE) {
				char v = *p;
				*p = v;
			}
		} else {
			for (; p < e; p += PAGE)
				(void)*p;
		}
	}
}

static int parse_hex(const char **s, uintptr_t *v)
{
	uintptr_t x = 0;
	const char *p = *s;
	int n = 0;
	for (;; p++, n++) {
		int d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else
			break;
		x = x * 16 + (uintptr_t)d;
	}
	*s = p;
	*v = x;
	return n > 0;
}

static char maps_buf[32 * 1024];

static void record_self_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag("cowpte-oracle: cannot open /proc/self/maps: %s", strerror(errno));
		exit(2);
	}
	size_t len = 0;
	for (;;) {
		ssize_t r = read(fd, maps_buf + len, sizeof maps_buf - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
		if (len == sizeof maps_buf - 1)
			break;
	}
	close(fd);
	maps_buf[len] = 0;
	const char *p = maps_buf;
	while (*p) {
		const char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		uintptr_t start, end;
		const char *q = p;
		if (parse_hex(&q, &start) && *q++ == '-' && parse_hex(&q, &end) && *q++ == ' ') {
			int readable = q[0] == 'r';
			int writable = q[1] == 'w';
			const char *name = eol;
			while (name > q && name[-1] != ' ')
				name--;
			size_t nlen = (size_t)(eol - name);
			int skip = (nlen == 6 && !memcmp(name, "[vvar]", 6)) ||
				   (nlen == 13 && !memcmp(name, "[vvar_vclock]", 13)) ||
				   (nlen == 10 && !memcmp(name, "[vsyscall]", 10));
			if (readable && !skip && end > start) {
				if (n_self == MAX_SELF) {
					diag("cowpte-oracle: too many mappings of its own");
					exit(2);
				}
				self_maps[n_self].start = start;
				self_maps[n_self].end = end;
				self_maps[n_self].writable = writable;
				n_self++;
			}
		}
		p = *eol ? eol + 1 : eol;
	}
}

static __attribute__((noinline)) void prefault_stack(void)
{
	volatile char buf[STACK_PREFAULT];
	for (size_t i = 0; i < sizeof buf; i += PAGE)
		buf[i] = 0;
	buf[sizeof buf - 1] = 0;
}

/* ---------------------------------------------------------------------- */
/* Scenario process                                                        */

static void sc_send(uint32_t kind, int32_t err, uint64_t val)
{
	struct rep r = { kind, err, val };
	while (send(SOCK_FD, &r, sizeof r, MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	struct rep r = { REP_SEGV, sig, (uint64_t)(uintptr_t)si->si_addr };
	send(SOCK_FD, &r, sizeof r, MSG_NOSIGNAL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
	/* a signal sent by kill() would not repeat on return: send it again */
	if (si->si_code <= 0)
		syscall(SYS_kill, syscall(SYS_getpid), sig);
	/* returning re-executes the faulting access: the kernel kills us */
}

/* Common set-up of a scenario process whose socket is already on SOCK_FD. */
static void sc_setup(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* die with the controller, even while busy */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != controller_pid)
		_exit(0);
}

static void sc_install_fault_handlers(void)
{
	struct sigaction sa;
	stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0 };
	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

/* fd: a file the controller passed to map from offset 0, or -1 for anonymous memory */
static void sc_mmap(const struct req *q, int fd)
{
	int prot = PROT_READ | ((q->flags & F_READONLY) ? 0 : PROT_WRITE);
	int flags = (fd < 0 ? MAP_ANONYMOUS : 0) | ((q->flags & F_SHARED) ? MAP_SHARED : MAP_PRIVATE) |
		    MAP_FIXED_NOREPLACE;
	int hugetlb = (q->flags & (F_HUGETLB | F_HUGETLB_1G)) != 0;
	if (q->flags & F_HUGETLB)
		flags |= MAP_HUGETLB | MAP_HUGE_2MB;
	if (q->flags & F_HUGETLB_1G)
		flags |= MAP_HUGETLB | MAP_HUGE_1GB;
	void *want = (void *)(uintptr_t)q->addr;
	void *p = mmap(want, q->len, prot, flags, fd, 0);
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (p == MAP_FAILED) {
		sc_send(REP_ERR, e, D_NONE);
		return;
	}
	if (p != want) {
		munmap(p, q->len);
		sc_send(REP_ERR, EEXIST, D_MOVED);
		return;
	}
	int advice[3], n = 0;
	if (!hugetlb) /* THP advice is for anonymous memory, not hugetlb */
		advice[n++] = (q->flags & F_HUGEPAGE) ? MADV_HUGEPAGE : MADV_NOHUGEPAGE;
	if (q->flags & F_DONTFORK)
		advice[n++] = MADV_DONTFORK;
	if (q->flags & F_WIPEONFORK)
		advice[n++] = MADV_WIPEONFORK;
	for (int i = 0; i < n; i++)
		if (madvise(p, q->len, advice[i]) < 0) {
			int e = errno;
			munmap(p, q->len);
			sc_send(REP_ERR, e, D_MADVISE);
			return;
		}
	sc_send(REP_OK, 0, 0);
}

static void sc_pin(const struct req *q)
{
	int slot = -1;
	for (int i = 0; i < MAX_PINS; i++)
		if (pins[i].fd < 0) {
			slot = i;
			break;
		}
	if (slot < 0) {
		sc_send(REP_ERR, ENOSPC, D_PIN_TABLE_FULL);
		return;
	}
	uint64_t n = (q->len + GIB - 1) / GIB;
	if (q->len == 0 || n > MAX_IOV) {
		sc_send(REP_ERR, EINVAL, D_PIN_TOO_BIG);
		return;
	}
	struct io_uring_params params;
	memset(&params, 0, sizeof params);
	int fd = (int)syscall(SYS_io_uring_setup, 1, &params);
	if (fd < 0) {
		sc_send(REP_ERR, errno, D_SETUP);
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint64_t off = i * GIB;
		pin_iov[i].iov_base = (void *)(uintptr_t)(q->addr + off);
		pin_iov[i].iov_len = q->len - off < GIB ? q->len - off : GIB;
	}
	if (syscall(SYS_io_uring_register, fd, IORING_REGISTER_BUFFERS, pin_iov, (unsigned)n) < 0) {
		int e = errno;
		close(fd);
		sc_send(REP_ERR, e, D_REGISTER);
		return;
	}
	pins[slot].start = q->addr;
	pins[slot].len = q->len;
	pins[slot].fd = fd;
	sc_send(REP_OK, 0, 0);
}

static void drop_pin(int i)
{
	/* unregistering unpins at once; closing alone leaves it to a worker */
	syscall(SYS_io_uring_register, pins[i].fd, IORING_UNREGISTER_BUFFERS, NULL, 0);
	close(pins[i].fd);
	pins[i].fd = -1;
}

static void sc_unpin(const struct req *q)
{
	uint64_t a = q->addr, b = q->addr + q->len;
	for (int i = 0; i < MAX_PINS; i++) {
		if (pins[i].fd < 0)
			continue;
		uint64_t s = pins[i].start, e = pins[i].start + pins[i].len;
		int inside = s >= a && e <= b;
		int overlaps = s < b && a < e;
		if (overlaps && !inside) {
			sc_send(REP_ERR, EINVAL, D_PARTIAL_UNPIN);
			return;
		}
	}
	for (int i = 0; i < MAX_PINS; i++)
		if (pins[i].fd >= 0 && pins[i].start >= a && pins[i].start + pins[i].len <= b)
			drop_pin(i);
	sc_send(REP_OK, 0, 0);
}

static void sc_fork(int nfd)
{
	if (nfd < 0) {
		sc_send(REP_ERR, EBADF, D_NONE);
		return;
	}
	/* CLONE_PARENT: the child is the controller's child, so the controller
	 * can wait for it; memory is copied exactly as by fork().  The parent
	 * times the call with CLOCK_MONOTONIC, as timefork does. */
	struct timespec a, b = { 0, 0 };
	clock_gettime(CLOCK_MONOTONIC, &a);
	long c = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
	if (c != 0)
		clock_gettime(CLOCK_MONOTONIC, &b);
	if (c < 0) {
		int e = errno;
		close(nfd);
		sc_send(REP_ERR, e, D_NONE);
		return;
	}
	if (c == 0) {
		dup2(nfd, SOCK_FD); /* replaces the parent's socket */
		close(nfd);
		for (int i = 0; i < MAX_PINS; i++)
			if (pins[i].fd >= 0) { /* the pins stay the parent's */
				close(pins[i].fd);
				pins[i].fd = -1;
			}
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != controller_pid)
			_exit(0);
		settle();
		sc_send(REP_READY, 0, (uint64_t)syscall(SYS_getpid));
		return;
	}
	close(nfd);
	settle();
	sc_send(REP_TIME, 0, (uint64_t)(b.tv_sec - a.tv_sec) * 1000000000ull +
				     (uint64_t)(b.tv_nsec - a.tv_nsec));
	sc_send(REP_OK, 0, (uint64_t)c);
}

/* timefork: N real fork()s of this process, each timed in the parent with
 * CLOCK_MONOTONIC from just before the call to just after it returns; the
 * child _exits at once and is reaped before the next one.  One REP_TIME
 * (nanoseconds) per fork, then REP_OK. */
static void sc_timefork(uint64_t n)
{
	for (uint64_t k = 0; k < n; k++) {
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		long c = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
		if (c == 0)
			syscall(SYS_exit_group, 0);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (c < 0) {
			sc_send(REP_ERR, errno, D_NONE);
			return;
		}
		int st;
		while (waitpid((pid_t)c, &st, 0) < 0 && errno == EINTR)
			;
		uint64_t ns = (uint64_t)(b.tv_sec - a.tv_sec) * 1000000000ull +
			      (uint64_t)(b.tv_nsec - a.tv_nsec);
		sc_send(REP_TIME, 0, ns);
	}
	sc_send(REP_OK, 0, 0);
}

static __attribute__((noreturn)) void sc_loop(void)
{
	for (;;) {
		struct req q;
		struct iovec iov = { &q, sizeof q };
		struct msghdr mh;
		memset(&mh, 0, sizeof mh);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cmsg_buf;
		mh.msg_controllen = sizeof cmsg_buf;
		ssize_t n = recvmsg(SOCK_FD, &mh, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof q)
			_exit(0); /* the controller is gone */
		int nfd = -1;
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
			memcpy(&nfd, CMSG_DATA(cm), sizeof nfd);
		if (q.op != OP_FORK && q.op != OP_MMAP && nfd >= 0) {
			close(nfd);
			nfd = -1;
		}
		uintptr_t start = (uintptr_t)q.addr & ~(PAGE - 1);
		uintptr_t end = (uintptr_t)q.addr + (uintptr_t)q.len;
		switch (q.op) {
		case OP_MMAP:
			sc_mmap(&q, nfd);
			break;
		case OP_MREMAP: {
			/* in place (no flag: the kernel resizes where it is or fails), or moved to addr2 */
			int mflags = q.addr2 ? MREMAP_MAYMOVE | MREMAP_FIXED : 0;
			void *p = mremap((void *)(uintptr_t)q.addr, q.len, q.val, mflags,
					 (void *)(uintptr_t)q.addr2);
			if (p == MAP_FAILED)
				sc_send(REP_ERR, errno, D_NONE);
			else
				sc_send(REP_OK, 0, (uint64_t)(uintptr_t)p);
			break;
		}
		case OP_MUNMAP:
			if (munmap((void *)(uintptr_t)q.addr, q.len) < 0)
				sc_send(REP_ERR, errno, D_NONE);
			else
				sc_send(REP_OK, 0, 0);
			break;
		case OP_MPROTECT:
			if (mprotect((void *)(uintptr_t)q.addr, q.len, (int)q.flags) < 0)
				sc_send(REP_ERR, errno, D_NONE);
			else
				sc_send(REP_OK, 0, 0);
			break;
		case OP_MADVISE:
			if (madvise((void *)(uintptr_t)q.addr, q.len, (int)q.flags) < 0)
				sc_send(REP_ERR, errno, D_NONE);
			else
				sc_send(REP_OK, 0, 0);
			break;
		case OP_TOUCH_READ:
			for (uintptr_t a = start; a < end; a += PAGE)
				(void)*(volatile uint64_t *)a;
			sc_send(REP_OK, 0, 0);
			break;
		case OP_TOUCH_WRITE:
		case OP_WRITE: {
			uint64_t v = q.op == OP_WRITE ? q.val : 0;
			for (uintptr_t a = start; a < end; a += PAGE)
				*(volatile uint64_t *)a = v;
			sc_send(REP_OK, 0, 0);
			break;
		}
		case OP_READ: {
			uint64_t v = *(volatile uint64_t *)start;
			sc_send(REP_OK, 0, v);
			break;
		}
		case OP_PIN:
			sc_pin(&q);
			break;
		case OP_UNPIN:
			sc_unpin(&q);
			break;
		case OP_FORK:
			sc_fork(nfd);
			break;
		case OP_TIMEFORK:
			sc_timefork(q.len);
			break;
		case OP_EXIT:
			_exit(0);
		default:
			sc_send(REP_ERR, EINVAL, D_NONE);
		}
	}
}

/* ---------------------------------------------------------------------- */
/* Controller: process table                                               */

static int find_id(const char *id)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if ((ctl->procs[i].pid > 0 || ctl->procs[i].died) && !strcmp(ctl->procs[i].id, id))
			return i;
	return -1;
}

static int find_pid(pid_t pid)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (ctl->procs[i].pid == pid)
			return i;
	return -1;
}

static int free_slot(void)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (ctl->procs[i].pid <= 0 && !ctl->procs[i].died)
			return i;
	return -1;
}

static void forget(int i)
{
	if (ctl->procs[i].fd >= 0)
		close(ctl->procs[i].fd);
	ctl->procs[i].fd = -1;
	ctl->procs[i].pid = 0;
	ctl->procs[i].id[0] = 0;
	ctl->procs[i].died = 0;
}

/* Answers how a process died, from its wait status: "err died signal N" or "err died exit N". */
static void answer_death(int st)
{
	if (WIFSIGNALED(st))
		answer("err died signal %d", WTERMSIG(st));
	else
		answer("err died exit %d", WEXITSTATUS(st));
}

static void reap_orphans(void)
{
	int st;
	pid_t p;
	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		int i = find_pid(p);
		if (i >= 0) {
			/* Keep the ID and how it died: its next command answers that, once. */
			diag("cowpte-oracle: %s (pid %d) died on its own", ctl->procs[i].id, (int)p);
			if (ctl->procs[i].fd >= 0)
				close(ctl->procs[i].fd);
			ctl->procs[i].fd = -1;
			ctl->procs[i].pid = 0;
			ctl->procs[i].died = 1;
			ctl->procs[i].status = st;
		}
	}
}

/* ---------------------------------------------------------------------- */
/* Controller: hugetlb pools lent to the scenario, given back at exit      */

/* The pool sizes the controller may change, in kB, and each one's nr_hugepages before it did. */
static const unsigned long pool_kb[2] = { 2048, 1048576 };
static long pool_before[2] = { -1, -1 };

static void pool_path(char *buf, size_t n, unsigned long kb)
{
	snprintf(buf, n, "/sys/kernel/mm/hugepages/hugepages-%lukB/nr_hugepages", kb);
}

static long read_pool(unsigned long kb)
{
	char path[96], buf[32];
	pool_path(path, sizeof path, kb);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strtol(buf, NULL, 10);
}

/* Writes nr_hugepages; 0 or an errno. Only async-signal-safe calls, for the exit path. */
static int write_pool(unsigned long kb, long count)
{
	char path[96], num[24];
	pool_path(path, sizeof path, kb);
	int i = (int)sizeof num;
	num[--i] = '\n';
	do {
		num[--i] = (char)('0' + count % 10);
		count /= 10;
	} while (count > 0 && i > 0);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int e = write(fd, num + i, sizeof num - (size_t)i) < 0 ? errno : 0;
	close(fd);
	return e;
}

/* Gives every pool back the size it had before the controller changed it. */
static void restore_pools(void)
{
	if (getpid() != controller_pid)
		return;
	for (int i = 0; i < 2; i++)
		if (pool_before[i] >= 0) {
			write_pool(pool_kb[i], pool_before[i]);
			pool_before[i] = -1;
		}
}

static void kill_all(void)
{
	if (!ctl)
		return;
	for (int i = 0; i < MAX_PROCS; i++)
		if (ctl->procs[i].pid > 0)
			kill(ctl->procs[i].pid, SIGKILL);
	for (int i = 0; i < MAX_PROCS; i++)
		if (ctl->procs[i].pid > 0) {
			while (waitpid(ctl->procs[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
			forget(i);
		}
	int st;
	while (waitpid(-1, &st, WNOHANG) > 0)
		;
	restore_pools();
}

static int parse_num(const char *s, uint64_t *v);

/* hugetlb KB COUNT: the pool of KB pages gets COUNT more pages than it had before the controller first changed it. */
static void cmd_hugetlb(const char *kbs, const char *counts)
{
	uint64_t kb, count;
	if (!parse_num(kbs, &kb) || !parse_num(counts, &count) || count > (1u << 30)) {
		answer("err usage hugetlb KB COUNT");
		return;
	}
	int slot = -1;
	for (int i = 0; i < 2; i++)
		if (pool_kb[i] == kb)
			slot = i;
	if (slot < 0) {
		answer("err EINVAL no hugetlb pool of %llu kB", (unsigned long long)kb);
		return;
	}
	long now = read_pool(pool_kb[slot]);
	if (now < 0) {
		answer_errno(ENOENT, "nr_hugepages");
		return;
	}
	if (pool_before[slot] < 0)
		pool_before[slot] = now;
	int e = write_pool(pool_kb[slot], pool_before[slot] + (long)count);
	if (e) {
		answer_errno(e, "nr_hugepages");
		return;
	}
	long got = read_pool(pool_kb[slot]) - pool_before[slot];
	answer("ok %ld", got < 0 ? 0 : got);
}

static void cleanup_and_exit(int status)
{
	in_cleanup = 1;
	kill_all();
	_exit(status);
}

static void on_term(int sig)
{
	(void)sig;
	if (in_cleanup)
		return;
	cleanup_and_exit(0);
}

static void on_chld(int sig)
{
	(void)sig; /* only interrupts ppoll so that orphans are reaped */
}

/* A scenario process died during a command: say how and forget it.  A SIGSEGV
 * answer also gives the minor faults the process took in its life (wait4's
 * rusage), since its /proc entry is gone once it is reaped. */
static void report_death(int i, const struct rep *segv)
{
	int st = 0;
	pid_t r;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while ((r = wait4(ctl->procs[i].pid, &st, 0, &ru)) < 0 && errno == EINTR)
		;
	if (r < 0) {
		answer("err died unknown (%s)", strerror(errno));
	} else if (WIFSIGNALED(st) && segv &&
		   (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS)) {
		if (WTERMSIG(st) == SIGBUS)
			answer("segv 0x%llx bus minflt=%ld", (unsigned long long)segv->val, ru.ru_minflt);
		else
			answer("segv 0x%llx minflt=%ld", (unsigned long long)segv->val, ru.ru_minflt);
	} else if (WIFSIGNALED(st)) {
		answer("err died signal %d", WTERMSIG(st));
	} else {
		answer("err died exit %d", WEXITSTATUS(st));
	}
	forget(i);
}

/* Receive one reply of process i.  Returns 1 with *r filled, or 0 when the
 * process died (the answer has been written and the process forgotten). */
static int receive(int i, struct rep *r)
{
	for (;;) {
		ssize_t n = recv(ctl->procs[i].fd, r, sizeof *r, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == (ssize_t)sizeof *r && r->kind == REP_SEGV) {
			report_death(i, r);
			return 0;
		}
		if (n == (ssize_t)sizeof *r)
			return 1;
		/* EOF, reset or garbage: the process is dead or dying */
		kill(ctl->procs[i].pid, SIGKILL);
		report_death(i, NULL);
		return 0;
	}
}

static int transmit(int i, const struct req *q, int passfd)
{
	struct iovec iov = { (void *)q, sizeof *q };
	struct msghdr mh;
	char cbuf[CMSG_SPACE(sizeof(int))];
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (passfd >= 0) {
		memset(cbuf, 0, sizeof cbuf);
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof cbuf;
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &passfd, sizeof passfd);
	}
	for (;;) {
		ssize_t n = sendmsg(ctl->procs[i].fd, &mh, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == (ssize_t)sizeof *q)
			return 1;
		kill(ctl->procs[i].pid, SIGKILL);
		report_death(i, NULL);
		return 0;
	}
}

static const char *detail_text(uint64_t d)
{
	switch (d) {
	case D_PARTIAL_UNPIN: return "partial unpin";
	case D_PIN_TABLE_FULL: return "pin table full";
	case D_PIN_TOO_BIG: return "pin length must be between 1 and 1 TiB";
	case D_MOVED: return "mapped elsewhere than asked";
	case D_SETUP: return "io_uring_setup";
	case D_REGISTER: return "IORING_REGISTER_BUFFERS";
	case D_MADVISE: return "madvise";
	default: return NULL;
	}
}

/* Send q to process i, wait for the reply and answer it.  A REP_OK reply is
 * answered "ok" or "ok VALUE" when with_value. */
static void answer_reply(const struct rep *rp, int with_value, const char *what);

static void simple(int i, const struct req *q, int with_value, const char *what)
{
	struct rep r;
	if (!transmit(i, q, -1) || !receive(i, &r))
		return;
	answer_reply(&r, with_value, what);
}

/* As simple, passing the descriptor passfd along with the request. */
static void simple_fd(int i, const struct req *q, int passfd, const char *what)
{
	struct rep r;
	if (!transmit(i, q, passfd) || !receive(i, &r))
		return;
	answer_reply(&r, 0, what);
}

static void answer_reply(const struct rep *rp, int with_value, const char *what)
{
	struct rep r = *rp;
	if (r.kind == REP_ERR) {
		const char *d = detail_text(r.val);
		if (!d)
			d = what;
		if (r.val == D_PARTIAL_UNPIN || r.val == D_PIN_TABLE_FULL ||
		    r.val == D_PIN_TOO_BIG || r.val == D_MOVED) {
			const char *m;
			answer("err %s %s", err_name(r.err, &m), d);
		} else {
			answer_errno(r.err, d);
		}
	} else if (r.kind == REP_OK && with_value) {
		answer("ok %llu", (unsigned long long)r.val);
	} else if (r.kind == REP_OK) {
		answer("ok");
	} else {
		answer("err EPROTO unexpected reply");
	}
}

/* ---------------------------------------------------------------------- */
/* Controller: parsing                                                     */

static int parse_num(const char *s, uint64_t *v)
{
	uint64_t x = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		if (!*s)
			return 0;
		for (; *s; s++) {
			int d;
			if (*s >= '0' && *s <= '9')
				d = *s - '0';
			else if (*s >= 'a' && *s <= 'f')
				d = *s - 'a' + 10;
			else if (*s >= 'A' && *s <= 'F')
				d = *s - 'A' + 10;
			else
				return 0;
			if (x >> 60)
				return 0;
			x = x * 16 + (uint64_t)d;
		}
	} else {
		if (!*s)
			return 0;
		for (; *s; s++) {
			if (*s < '0' || *s > '9')
				return 0;
			uint64_t d = (uint64_t)(*s - '0');
			if (x > (UINT64_MAX - d) / 10)
				return 0;
			x = x * 10 + d;
		}
	}
	*v = x;
	return 1;
}

static int valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > MAX_ID)
		return 0;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.' || c == ':' || c == '#' || c == '$'))
			return 0;
	}
	return 1;
}

/* Looks an existing ID up; answers the error itself and returns -1. */
static int lookup(const char *id)
{
	if (!valid_id(id)) {
		answer("err usage bad ID '%.80s'", id);
		return -1;
	}
	int i = find_id(id);
	if (i < 0) {
		answer("err no-such-process %s", id);
	} else if (ctl->procs[i].died) {
		answer_death(ctl->procs[i].status);
		forget(i);
		return -1;
	}
	return i;
}

static int num_arg(const char *s, uint64_t *v)
{
	if (parse_num(s, v))
		return 1;
	answer("err usage bad number '%.80s'", s);
	return 0;
}

/* Checks that [addr, addr+len) does not wrap. */
static int range_arg(uint64_t addr, uint64_t len)
{
	if (addr + len < addr) {
		answer("err usage range wraps around");
		return 0;
	}
	return 1;
}

static int parse_mmap_flags(const char *s, uint32_t *flags)
{
	*flags = 0;
	if (!strcmp(s, "-"))
		return 1;
	char buf[256];
	if (strlen(s) >= sizeof buf)
		return 0;
	strcpy(buf, s);
	char *save = NULL;
	for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (!strcmp(w, "shared")) *flags |= F_SHARED;
		else if (!strcmp(w, "readonly")) *flags |= F_READONLY;
		else if (!strcmp(w, "dontfork")) *flags |= F_DONTFORK;
		else if (!strcmp(w, "wipeonfork")) *flags |= F_WIPEONFORK;
		else if (!strcmp(w, "hugepage")) *flags |= F_HUGEPAGE;
		else if (!strcmp(w, "nohugepage")) *flags |= F_NOHUGEPAGE;
		else if (!strcmp(w, "hugetlb")) *flags |= F_HUGETLB;
		else if (!strcmp(w, "hugetlb_1g")) *flags |= F_HUGETLB_1G;
		else return 0;
	}
	if ((*flags & F_HUGEPAGE) && (*flags & F_NOHUGEPAGE))
		return 0;
	if ((*flags & F_HUGETLB) && (*flags & F_HUGETLB_1G))
		return 0;
	if ((*flags & (F_HUGETLB | F_HUGETLB_1G)) && (*flags & (F_HUGEPAGE | F_NOHUGEPAGE)))
		return 0;
	return s[0] != ',' && s[strlen(s) - 1] != ',' && !strstr(s, ",,");
}

static int parse_advice(const char *s, int *adv)
{
	static const struct { const char *name; int adv; } t[] = {
		{ "dontneed", MADV_DONTNEED }, { "dontfork", MADV_DONTFORK },
		{ "dofork", MADV_DOFORK }, { "wipeonfork", MADV_WIPEONFORK },
		{ "keeponfork", MADV_KEEPONFORK }, { "hugepage", MADV_HUGEPAGE },
		{ "nohugepage", MADV_NOHUGEPAGE },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(s, t[i].name)) {
			*adv = t[i].adv;
			return 1;
		}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Controller: files                                                       */

/* Regular files in the page cache, by ID: each created in the controller's
 * working directory, written, synced and unlinked at once, so nothing is
 * left behind however the controller ends; the open descriptor keeps the
 * file and its cached pages.  Scenario processes get it to map it. */
static struct file_slot {
	char id[64];
	int fd;
	uint64_t size;
} files[MAX_FILES];
static int n_files;

static int find_file(const char *id)
{
	for (int i = 0; i < n_files; i++)
		if (!strcmp(files[i].id, id))
			return i;
	return -1;
}

static void cmd_file(const char *id, uint64_t size)
{
	if (!valid_id(id)) {
		answer("err usage bad ID '%.80s'", id);
		return;
	}
	if (find_file(id) >= 0) {
		answer("err EEXIST file %s already exists", id);
		return;
	}
	if (n_files == MAX_FILES) {
		answer("err ENOSPC file table full");
		return;
	}
	if (size == 0 || size > (1ULL << 40)) {
		answer("err EINVAL file size must be between 1 and 1 TiB");
		return;
	}
	char name[128];
	snprintf(name, sizeof name, "cowpte-file-%d-%s", (int)getpid(), id);
	int fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		answer_errno(errno, "open");
		return;
	}
	unlink(name);
	struct statfs fs;
	if (fstatfs(fd, &fs) == 0 && ((unsigned long)fs.f_type == TMPFS_MAGIC_NUMBER ||
				     (unsigned long)fs.f_type == RAMFS_MAGIC_NUMBER)) {
		close(fd);
		answer("err EXDEV the working directory is on tmpfs: its pages would be shmem, not a file's");
		return;
	}
	/* one page per write: each page its own (order-0) folio in the page cache, so a fault
	 * maps the pages the model says and not a whole large folio (finish_fault maps all of a
	 * file's large folio on a shared write fault) */
	static char zeros[PAGE];
	for (uint64_t done = 0; done < size;) {
		size_t n = size - done < sizeof zeros ? (size_t)(size - done) : sizeof zeros;
		ssize_t w = write(fd, zeros, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : ENOSPC;
			close(fd);
			answer_errno(e, "write");
			return;
		}
		done += (uint64_t)w;
	}
	if (fsync(fd) < 0) {
		int e = errno;
		close(fd);
		answer_errno(e, "fsync");
		return;
	}
	snprintf(files[n_files].id, sizeof files[n_files].id, "%s", id);
	files[n_files].fd = fd;
	files[n_files].size = size;
	n_files++;
	answer("ok");
}

/* ---------------------------------------------------------------------- */
/* Controller: commands                                                    */

/* A new process's slot and socket pair, after checking its ID: the slot, or -1
 * when the answer (an error) has been written. */
static int new_process_slot(const char *id, int sv[2])
{
	if (!valid_id(id)) {
		answer("err usage bad ID '%.80s'", id);
		return -1;
	}
	int old = find_id(id);
	if (old >= 0 && ctl->procs[old].died) {
		forget(old); /* died between commands: the ID is free again */
	} else if (old >= 0) {
		answer("err EEXIST %s already exists", id);
		return -1;
	}
	int slot = free_slot();
	if (slot < 0) {
		answer("err ENOSPC process table full");
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		answer_errno(errno, "socketpair");
		return -1;
	}
	return slot;
}

static void cmd_spawn(const char *id)
{
	int sv[2];
	int slot = new_process_slot(id, sv);
	if (slot < 0)
		return;
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(sv[0]);
		close(sv[1]);
		answer_errno(e, "fork");
		return;
	}
	if (pid == 0) {
		/* scenario process: keep only fd 2 and the socket (on fd 3) */
		if (sv[1] != SOCK_FD) {
			if (dup2(sv[1], SOCK_FD) < 0)
				_exit(127);
		} else {
			fcntl(SOCK_FD, F_SETFD, 0);
		}
		syscall(SYS_close_range, SOCK_FD + 1, ~0U, 0);
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			if (null > 2)
				close(null);
		}
		struct rlimit nocore = { 0, 0 };
		setrlimit(RLIMIT_CORE, &nocore);
		sc_setup();
		sc_install_fault_handlers();
		for (int i = 0; i < MAX_PINS; i++)
			pins[i].fd = -1;
		settle();
		sc_send(REP_READY, 0, (uint64_t)getpid());
		sc_loop();
	}
	close(sv[1]);
	struct proc *p = &ctl->procs[slot];
	strcpy(p->id, id);
	p->pid = pid;
	p->fd = sv[0];
	struct rep r;
	if (!receive(slot, &r))
		return;
	if (r.kind != REP_READY) {
		kill(pid, SIGKILL);
		report_death(slot, NULL);
		return;
	}
	answer("ok %d", (int)pid);
}

static void cmd_fork(const char *id, const char *child)
{
	int i = lookup(id);
	if (i < 0)
		return;
	int sv[2];
	int slot = new_process_slot(child, sv);
	if (slot < 0)
		return;
	struct req q = { .op = OP_FORK };
	int sent = transmit(i, &q, sv[1]);
	close(sv[1]);
	if (!sent) {
		close(sv[0]);
		return;
	}
	struct rep r;
	uint64_t ns = 0;
	int got;
	while ((got = receive(i, &r)) && r.kind == REP_TIME)
		ns = r.val; /* the fork's duration in the parent, before its pid */
	if (!got) {
		close(sv[0]); /* a child, if any, exits on EOF */
		return;
	}
	if (r.kind == REP_ERR) {
		close(sv[0]);
		answer_errno(r.err, "fork");
		return;
	}
	if (r.kind != REP_OK) {
		close(sv[0]);
		answer("err EPROTO unexpected reply");
		return;
	}
	struct proc *p = &ctl->procs[slot];
	strcpy(p->id, child);
	p->pid = (pid_t)r.val;
	p->fd = sv[0];
	if (!receive(slot, &r))
		return;
	if (r.kind != REP_READY) {
		kill(p->pid, SIGKILL);
		report_death(slot, NULL);
		return;
	}
	answer("ok %d ns=%llu", (int)p->pid, (unsigned long long)ns);
}

/* timefork ID N: answer "ok NS NS ..." with the N fork() durations. */
static void cmd_timefork(int i, uint64_t n)
{
	struct req q;
	struct rep r;
	char times[1000 * 21 + 1];
	size_t len = 0;
	memset(&q, 0, sizeof q);
	q.op = OP_TIMEFORK;
	q.len = n;
	times[0] = 0;
	if (!transmit(i, &q, -1))
		return;
	for (;;) {
		if (!receive(i, &r))
			return; /* it died: that has been answered */
		if (r.kind == REP_TIME && len + 21 < sizeof times) {
			len += (size_t)snprintf(times + len, sizeof times - len, " %llu",
						(unsigned long long)r.val);
		} else if (r.kind == REP_OK) {
			answer("ok%s", times);
			return;
		} else if (r.kind == REP_ERR) {
			answer_errno(r.err, "fork");
			return;
		} else if (r.kind != REP_TIME) {
			answer("err EPROTO unexpected reply");
			return;
		}
	}
}

static void cmd_exit(int i)
{
	struct req q = { .op = OP_EXIT };
	if (!transmit(i, &q, -1))
		return;
	int st = 0;
	pid_t r;
	while ((r = waitpid(ctl->procs[i].pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (r > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
		answer("ok");
	else if (r > 0 && WIFSIGNALED(st))
		answer("err died signal %d", WTERMSIG(st));
	else if (r > 0)
		answer("err died exit %d", WEXITSTATUS(st));
	else
		answer("err died unknown");
	forget(i);
}

static void cmd_list(void)
{
	out_add("ok");
	for (int i = 0; i < MAX_PROCS; i++)
		if (ctl->procs[i].pid > 0)
			out_add(" %s=%d", ctl->procs[i].id, (int)ctl->procs[i].pid);
	out_flush();
}

#define NEED(n, usage_text)                                   \
	do {                                                  \
		if (nw != (n)) {                              \
			answer("err usage %s", usage_text);   \
			return;                               \
		}                                             \
	} while (0)

static void execute(char *line)
{
	char *w[MAX_WORDS + 1];
	int nw = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (nw == MAX_WORDS + 1) {
			nw++;
			break;
		}
		w[nw++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
	}
	if (nw == 0) {
		answer("err usage empty command");
		return;
	}
	if (nw > MAX_WORDS) {
		answer("err usage too many words");
		return;
	}
	const char *c = w[0];
	int i;
	uint64_t addr, len, val;
	struct req q;
	memset(&q, 0, sizeof q);

	if (!strcmp(c, "hello")) {
		NEED(1, "hello");
		answer("ok cowpte-oracle %d pid=%d", PROTOCOL_VERSION, (int)getpid());
	} else if (!strcmp(c, "spawn")) {
		NEED(2, "spawn ID");
		cmd_spawn(w[1]);
	} else if (!strcmp(c, "fork")) {
		NEED(3, "fork ID CHILD");
		cmd_fork(w[1], w[2]);
	} else if (!strcmp(c, "file")) {
		NEED(3, "file FILE SIZE");
		if (!num_arg(w[2], &len))
			return;
		cmd_file(w[1], len);
	} else if (!strcmp(c, "mmap")) {
		if (nw != 5 && nw != 6) {
			answer("err usage mmap ID ADDR LEN FLAGS [FILE]");
			return;
		}
		uint32_t flags;
		int f = -1;
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len))
			return;
		if (!parse_mmap_flags(w[4], &flags)) {
			answer("err usage bad mmap flags '%.80s'", w[4]);
			return;
		}
		if (nw == 6 && (f = find_file(w[5])) < 0) {
			answer("err ENOENT no file %.80s", w[5]);
			return;
		}
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_MMAP;
		q.addr = addr;
		q.len = len;
		q.flags = flags;
		simple_fd(i, &q, f < 0 ? -1 : files[f].fd, c);
	} else if (!strcmp(c, "mremap")) {
		if (nw != 5 && nw != 6) {
			answer("err usage mremap ID ADDR LEN NEWLEN [NEWADDR]");
			return;
		}
		uint64_t newlen, newaddr = 0;
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len) ||
		    !num_arg(w[4], &newlen) || !range_arg(addr, newlen))
			return;
		if (nw == 6 && (!num_arg(w[5], &newaddr) || !range_arg(newaddr, newlen)))
			return;
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_MREMAP;
		q.addr = addr;
		q.len = len;
		q.val = newlen;
		q.addr2 = newaddr;
		struct rep r;
		if (!transmit(i, &q, -1) || !receive(i, &r))
			return;
		if (r.kind == REP_OK)
			answer("ok 0x%llx", (unsigned long long)r.val);
		else
			answer_reply(&r, 0, c);
	} else if (!strcmp(c, "munmap")) {
		NEED(4, "munmap ID ADDR LEN");
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len))
			return;
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_MUNMAP;
		q.addr = addr;
		q.len = len;
		simple(i, &q, 0, c);
	} else if (!strcmp(c, "mprotect")) {
		NEED(5, "mprotect ID ADDR LEN ro|rw");
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len))
			return;
		if (!strcmp(w[4], "ro"))
			q.flags = PROT_READ;
		else if (!strcmp(w[4], "rw"))
			q.flags = PROT_READ | PROT_WRITE;
		else {
			answer("err usage mprotect ID ADDR LEN ro|rw");
			return;
		}
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_MPROTECT;
		q.addr = addr;
		q.len = len;
		simple(i, &q, 0, c);
	} else if (!strcmp(c, "madvise")) {
		NEED(5, "madvise ID ADDR LEN ADVICE");
		int adv;
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len))
			return;
		if (!parse_advice(w[4], &adv)) {
			answer("err usage bad advice '%.80s'", w[4]);
			return;
		}
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_MADVISE;
		q.addr = addr;
		q.len = len;
		q.flags = (uint32_t)adv;
		simple(i, &q, 0, c);
	} else if (!strcmp(c, "touch")) {
		NEED(5, "touch ID ADDR LEN read|write");
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len))
			return;
		if (!strcmp(w[4], "read"))
			q.op = OP_TOUCH_READ;
		else if (!strcmp(w[4], "write"))
			q.op = OP_TOUCH_WRITE;
		else {
			answer("err usage touch ID ADDR LEN read|write");
			return;
		}
		if ((i = lookup(w[1])) < 0)
			return;
		q.addr = addr;
		q.len = len;
		simple(i, &q, 0, c);
	} else if (!strcmp(c, "write")) {
		NEED(5, "write ID ADDR LEN VALUE");
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len) ||
		    !num_arg(w[4], &val))
			return;
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_WRITE;
		q.addr = addr;
		q.len = len;
		q.val = val;
		simple(i, &q, 0, c);
	} else if (!strcmp(c, "read")) {
		NEED(3, "read ID ADDR");
		if (!num_arg(w[2], &addr))
			return;
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = OP_READ;
		q.addr = addr;
		simple(i, &q, 1, "read");
	} else if (!strcmp(c, "pin") || !strcmp(c, "unpin")) {
		int pin = c[0] == 'p';
		NEED(4, pin ? "pin ID ADDR LEN" : "unpin ID ADDR LEN");
		if (!num_arg(w[2], &addr) || !num_arg(w[3], &len) || !range_arg(addr, len))
			return;
		if ((i = lookup(w[1])) < 0)
			return;
		q.op = pin ? OP_PIN : OP_UNPIN;
		q.addr = addr;
		q.len = len;
		simple(i, &q, 0, c);
	} else if (!strcmp(c, "exit")) {
		NEED(2, "exit ID");
		if ((i = lookup(w[1])) < 0)
			return;
		cmd_exit(i);
	} else if (!strcmp(c, "timefork")) {
		NEED(3, "timefork ID N");
		if (!num_arg(w[2], &val))
			return;
		if (val < 1 || val > 1000) {
			answer("err EINVAL N must be between 1 and 1000");
			return;
		}
		if ((i = lookup(w[1])) < 0)
			return;
		cmd_timefork(i, val);
	} else if (!strcmp(c, "pid")) {
		NEED(2, "pid ID");
		if ((i = lookup(w[1])) < 0)
			return;
		answer("ok %d", (int)ctl->procs[i].pid);
	} else if (!strcmp(c, "list")) {
		NEED(1, "list");
		cmd_list();
	} else if (!strcmp(c, "hugetlb")) {
		NEED(3, "hugetlb KB COUNT");
		cmd_hugetlb(w[1], w[2]);
	} else if (!strcmp(c, "quit")) {
		NEED(1, "quit");
		in_cleanup = 1;
		kill_all();
		answer("ok");
		_exit(0);
	} else {
		answer("err usage unknown command '%.80s'", c);
	}
}

/* ---------------------------------------------------------------------- */
/* Controller: start-up and main loop                                      */

static void no_aslr(char **argv)
{
	int pers = personality(0xffffffff);
	if (pers == -1 || (pers & ADDR_NO_RANDOMIZE))
		return;
	if (personality((unsigned long)pers | ADDR_NO_RANDOMIZE) == -1) {
		diag("cowpte-oracle: cannot disable address randomisation: %s", strerror(errno));
		return;
	}
	execv("/proc/self/exe", argv);
	diag("cowpte-oracle: re-exec failed, addresses stay randomised: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	(void)argc;
	no_aslr(argv);
	controller_pid = getpid();
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		diag("cowpte-oracle: PR_SET_CHILD_SUBREAPER: %s", strerror(errno));

	struct rlimit nofile;
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
		nofile.rlim_cur = nofile.rlim_max;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigfillset(&sa.sa_mask);
	sa.sa_handler = on_term;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL); /* no SA_RESTART: interrupts ppoll */
	signal(SIGPIPE, SIG_IGN);

	/* SIGCHLD is only let through while waiting for input */
	sigset_t chld, waitmask;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &waitmask);
	sigdelset(&waitmask, SIGCHLD);

	prefault_stack();
	record_self_maps();

	/* everything the controller alone needs: not inherited by children */
	void *m = mmap(NULL, sizeof(struct ctl), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		diag("cowpte-oracle: cannot allocate its tables: %s", strerror(errno));
		return 2;
	}
	madvise(m, sizeof(struct ctl), MADV_DONTFORK);
	ctl = m;
	for (int i = 0; i < MAX_PROCS; i++)
		ctl->procs[i].fd = -1;

	int discarding = 0;
	for (;;) {
		reap_orphans();
		/* execute every complete line already buffered */
		char *nl;
		while ((nl = memchr(ctl->in, '\n', in_len)) != NULL) {
			size_t n = (size_t)(nl - ctl->in);
			*nl = 0;
			if (n > 0 && ctl->in[n - 1] == '\r')
				ctl->in[n - 1] = 0;
			if (discarding) {
				discarding = 0;
			} else {
				execute(ctl->in);
				reap_orphans();
			}
			memmove(ctl->in, nl + 1, in_len - n - 1);
			in_len -= n + 1;
		}
		if (in_len == IN_SIZE) { /* a line longer than the buffer */
			if (!discarding)
				answer("err usage line too long");
			discarding = 1;
			in_len = 0;
		}
		struct pollfd pfd = { 0, POLLIN, 0 };
		int pr = ppoll(&pfd, 1, NULL, &waitmask);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr < 0) {
			diag("cowpte-oracle: poll: %s", strerror(errno));
			cleanup_and_exit(1);
		}
		ssize_t r = read(0, ctl->in + in_len, IN_SIZE - in_len);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0) {
			/* end of input: a last unterminated line is still a command */
			if (in_len > 0 && !discarding) {
				ctl->in[in_len < IN_SIZE ? in_len : IN_SIZE - 1] = 0;
				in_len = 0;
				execute(ctl->in);
			}
			cleanup_and_exit(0);
		}
		in_len += (size_t)r;
	}
}
