// SPDX-License-Identifier: GPL-2.0
/*
 * p9_hmm_snapshot - metric P9 of the mmu_interval_notifier benchmark.
 *
 * A device reading through upstream's own test driver, lib/test_hmm.c
 * (/dev/hmm_dmirror0), while the rest of the process purges memory.
 *
 * op=snapshot: HMM_DMIRROR_SNAPSHOT of a 16-page buffer, back to back.
 * For each one test_hmm inserts an interval over just those pages, runs
 * mmu_interval_read_begin(), hmm_range_fault() and mmu_interval_read_retry()
 * (the collision-retry loop of nouveau, amdgpu and ODP), then removes the
 * interval: the per-buffer life cycle of ODP and userptr.
 *
 * op=read: HMM_DMIRROR_READ of the same buffer, through the one interval
 * test_hmm keeps over the whole address space, which every purge hits.
 *
 * load=L: L other threads each write a page of a disjoint 64-page buffer
 * and madvise(MADV_DONTNEED) the buffer, in a loop, as an allocator purging
 * memory does.
 *
 * Each (op, load) runs for OPS operations (argv[1], default 1000) or 10 s,
 * whichever ends first: at 10 s the purgers stop, which lets an operation
 * still waiting for the mm to go quiet return.  Prints, per (op, load),
 *
 *   p9_hmm_snapshot op=<op> load=<L> p50_ns=<n> p99_ns=<n> max_ns=<n>
 *	ops=<n> busy=<n> capped=<0|1>
 *
 * busy counts operations that test_hmm gave up with -EBUSY (its retry loop
 * ran into HMM_RANGE_DEFAULT_TIMEOUT), capped=1 that the 10 s ran out.
 *
 * Build it static, with lib/test_hmm_uapi.h on the include path:
 *   gcc -static -O2 -Wall -pthread -I<dir> -o <binary> <this file>
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "lib/test_hmm_uapi.h"

#define DEVICE		"/dev/hmm_dmirror0"
#define NPAGES		16
#define PURGE_PAGES	64
#define PURGERS		3
#define DEFAULT_OPS	1000
#define LIMIT_NS	10000000000ULL

static size_t page;
/* When the purgers stop: the end of the run, or its 10 s. */
static unsigned long long deadline;

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "p9_hmm_snapshot: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *purger(void *arg)
{
	char *buf = arg;

	while (now_ns() < __atomic_load_n(&deadline, __ATOMIC_RELAXED)) {
		buf[0] = 1;
		if (madvise(buf, PURGE_PAGES * page, MADV_DONTNEED))
			die("madvise");
	}
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

static void run(int fd, const char *op, unsigned long req, int load,
		unsigned long nops, char *buf, char *purge)
{
	unsigned long long *lat, t0, t, start;
	unsigned long n = 0, busy = 0;
	pthread_t thr[PURGERS];
	char *out = malloc(NPAGES * page);
	struct hmm_dmirror_cmd cmd;
	int i, capped = 0;

	lat = calloc(nops, sizeof(*lat));
	if (!lat || !out)
		die("calloc");
	start = now_ns();
	__atomic_store_n(&deadline, start + LIMIT_NS, __ATOMIC_RELAXED);
	for (i = 0; i < load; i++)
		if (pthread_create(&thr[i], NULL, purger,
				   purge + i * PURGE_PAGES * page))
			die("pthread_create");

	while (n < nops) {
		memset(&cmd, 0, sizeof(cmd));
		cmd.addr = (uintptr_t)buf;
		cmd.ptr = (uintptr_t)out;
		cmd.npages = NPAGES;
		t0 = now_ns();
		if (ioctl(fd, req, &cmd)) {
			if (errno != EBUSY)
				die(op);
			busy++;
		}
		t = now_ns();
		lat[n++] = t - t0;
		if (t - start > LIMIT_NS) {
			capped = n < nops;
			break;
		}
	}
	__atomic_store_n(&deadline, 0, __ATOMIC_RELAXED);
	for (i = 0; i < load; i++)
		pthread_join(thr[i], NULL);

	qsort(lat, n, sizeof(*lat), cmp);
	printf("p9_hmm_snapshot op=%s load=%d p50_ns=%llu p99_ns=%llu",
	       op, load, lat[n / 2], lat[n * 99 / 100]);
	printf(" max_ns=%llu ops=%lu busy=%lu capped=%d\n", lat[n - 1], n, busy,
	       capped);
	fflush(stdout);
	free(lat);
	free(out);
}

int main(int argc, char **argv)
{
	unsigned long nops = DEFAULT_OPS;
	static const int loads[] = { 0, PURGERS };
	char *buf, *purge, *end;
	size_t i;
	int fd, l;

	if (argc > 1) {
		errno = 0;
		nops = strtoul(argv[1], &end, 0);
		if (errno || *end || !nops) {
			fprintf(stderr, "usage: %s [operations]\n", argv[0]);
			return 2;
		}
	}
	page = sysconf(_SC_PAGESIZE);

	fd = open(DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die("open " DEVICE);
	buf = mmap(NULL, NPAGES * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	purge = mmap(NULL, PURGERS * PURGE_PAGES * page,
		     PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED || purge == MAP_FAILED)
		die("mmap");
	for (i = 0; i < NPAGES; i++)
		buf[i * page] = 1;

	for (l = 0; l < 2; l++) {
		run(fd, "snapshot", HMM_DMIRROR_SNAPSHOT, loads[l], nops, buf,
		    purge);
		run(fd, "read", HMM_DMIRROR_READ, loads[l], nops, buf, purge);
	}
	close(fd);
	return 0;
}
