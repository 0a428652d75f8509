// SPDX-License-Identifier: GPL-2.0
/*
 * p7_mirror_loop - metric P7 of the mmu_interval_notifier benchmark.
 *
 * The life cycle of a short-lived device mirror, through the test driver
 * /dev/interval_mirror (lib/test_interval_mirror.c): for a fixed number of
 * iterations (argv[1], default 2000) mmap a 16-page anonymous range,
 * register an interval over it, mirror it with a write fault (the driver
 * runs hmm_range_fault() inside its read_begin/read_retry loop), munmap it
 * (which invalidates the interval) and unregister the interval.  Prints
 *
 *   p7_mirror_loop ops_per_sec=<n> iterations=<n>
 *
 * where one op is one whole iteration, timed with CLOCK_MONOTONIC.
 *
 * Build it static, with the kernel source tree on the include path:
 *   gcc -static -O2 -Wall -I<kernel source> -o <binary> <this file>
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "lib/test_interval_mirror_uapi.h"

#define DEVICE		"/dev/interval_mirror"
#define NPAGES		16
#define DEFAULT_ITERS	2000

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int fail(const char *what, unsigned long iter)
{
	fprintf(stderr, "p7_mirror_loop: %s failed at iteration %lu: %s\n",
		what, iter, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long iters = DEFAULT_ITERS, i;
	size_t len = NPAGES * (size_t)sysconf(_SC_PAGESIZE);
	struct interval_mirror_cmd cmd;
	unsigned long long t0, ns, id;
	char *end;
	void *buf;
	int fd;

	if (argc > 1) {
		errno = 0;
		iters = strtoul(argv[1], &end, 0);
		if (errno || *end || !iters) {
			fprintf(stderr, "usage: %s [iterations]\n", argv[0]);
			return 2;
		}
	}

	fd = open(DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail("open " DEVICE, 0);

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED)
			return fail("mmap", i);

		memset(&cmd, 0, sizeof(cmd));
		cmd.addr = (uintptr_t)buf;
		cmd.len = len;
		if (ioctl(fd, IMIRROR_REGISTER, &cmd))
			return fail("IMIRROR_REGISTER", i);
		id = cmd.id;

		memset(&cmd, 0, sizeof(cmd));
		cmd.addr = (uintptr_t)buf;
		cmd.npages = NPAGES;
		cmd.id = id;
		cmd.flags = IMIRROR_FAULT_WRITE;
		if (ioctl(fd, IMIRROR_FAULT, &cmd))
			return fail("IMIRROR_FAULT", i);

		if (munmap(buf, len))
			return fail("munmap", i);

		memset(&cmd, 0, sizeof(cmd));
		cmd.id = id;
		if (ioctl(fd, IMIRROR_UNREGISTER, &cmd))
			return fail("IMIRROR_UNREGISTER", i);
	}
	ns = now_ns() - t0;
	close(fd);

	printf("p7_mirror_loop ops_per_sec=%llu iterations=%lu\n",
	       ns ? iters * 1000000000ULL / ns : 0ULL,
	       iters);
	return 0;
}
