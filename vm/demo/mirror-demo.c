// SPDX-License-Identifier: GPL-2.0
/*
 * The main job's demo: mirror part of this process's memory into the
 * "device" of lib/test_interval_mirror.c, change the CPU page tables in
 * ordinary ways, and show what the interval notifier told the device each
 * time and that the device kept no stale entry.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/test_interval_mirror_uapi.h"

#define NPAGES	16

static int fd;
static long psize;
static char *buf;
static int failures;

static void cmd(unsigned long req, struct interval_mirror_cmd *c)
{
	if (ioctl(fd, req, c)) {
		fprintf(stderr, "ioctl %#lx: %s\n", req, strerror(errno));
		exit(1);
	}
}

static uint64_t mirrored(void)
{
	static uint64_t snap[NPAGES];
	struct interval_mirror_cmd c = {
		.addr = (uintptr_t)buf, .npages = NPAGES, .ptr = (uintptr_t)snap,
	};

	cmd(IMIRROR_SNAPSHOT, &c);
	return c.entries;
}

static uint64_t stale(void)
{
	struct interval_mirror_cmd c = { .addr = (uintptr_t)buf, .npages = NPAGES };

	cmd(IMIRROR_CHECK, &c);
	return c.stale;
}

static void fault(int write)
{
	struct interval_mirror_cmd c = {
		.addr = (uintptr_t)buf, .npages = NPAGES,
		.flags = write ? IMIRROR_FAULT_WRITE : 0,
	};

	cmd(IMIRROR_FAULT, &c);
}

static const char *event_name(uint64_t e)
{
	static const char * const names[] = {
		"UNMAP", "CLEAR", "PROTECTION_VMA", "PROTECTION_PAGE",
		"SOFT_DIRTY", "RELEASE", "MIGRATE", "EXCLUSIVE",
	};

	return e < 8 ? names[e] : "?";
}

/* Print the callbacks the device got since the last call, then its state. */
static void report(const char *what)
{
	struct interval_mirror_log recs[64];
	struct interval_mirror_cmd c = { .ptr = (uintptr_t)recs, .count = 64 };
	uint64_t n, i, left, bad;

	cmd(IMIRROR_LOG, &c);
	n = c.records;
	left = mirrored();
	bad = stale();
	printf("%-46s", what);
	if (!n)
		printf(" no callback");
	for (i = 0; i < n; i++) {
		long first = ((int64_t)(recs[i].start - (uintptr_t)buf)) / psize;
		long last = ((int64_t)(recs[i].end - (uintptr_t)buf)) / psize - 1;

		printf("%s %s of page", i ? "," : "", event_name(recs[i].event));
		if (first == last)
			printf(" %ld", first);
		else
			printf("s %ld-%ld", first, last);
	}
	printf("\n%-46s device maps %2llu of %d pages, stale %llu\n", "",
	       (unsigned long long)left, NPAGES, (unsigned long long)bad);
	if (bad)
		failures++;
}

int main(void)
{
	struct interval_mirror_cmd reg = { 0 };
	pid_t child;
	int hold[2];

	psize = sysconf(_SC_PAGESIZE);
	fd = open("/dev/interval_mirror", O_RDWR);
	if (fd < 0) {
		perror("/dev/interval_mirror");
		return 1;
	}
	buf = mmap(NULL, NPAGES * psize, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return 1;
	memset(buf, 1, NPAGES * psize);
	reg.addr = (uintptr_t)buf;
	reg.len = NPAGES * psize;
	cmd(IMIRROR_REGISTER, &reg);

	printf("A %d-page buffer is registered with the interval notifier and\n"
	       "mirrored by the device; page numbers are relative to it.\n\n",
	       NPAGES);
	fault(1);
	report("device mirrors the buffer (write)");

	madvise(buf + 2 * psize, 2 * psize, MADV_DONTNEED);
	report("madvise(DONTNEED) pages 2..3");
	fault(1);

	mprotect(buf + 8 * psize, 4 * psize, PROT_READ);
	report("mprotect(READ) pages 8..11");
	mprotect(buf + 8 * psize, 4 * psize, PROT_READ | PROT_WRITE);
	fault(1);
	report("mprotect(READ|WRITE) again, device refaults");

	if (pipe(hold))
		return 1;
	child = fork();
	if (child == 0) {
		char c;

		/* Keep sharing the pages until the parent has written. */
		close(hold[1]);
		read(hold[0], &c, 1);
		_exit(0);
	}
	close(hold[0]);
	report("fork() (parent's pages become copy-on-write)");
	fault(0);
	report("device mirrors the buffer again (read)");
	buf[5 * psize] = 3;
	report("parent writes page 5 (copy-on-write copy)");
	close(hold[1]);
	waitpid(child, NULL, 0);
	fault(1);

	munmap(buf + 12 * psize, 4 * psize);
	report("munmap pages 12..15");

	printf("\n%s\n", failures ? "FAILED: the device kept stale entries" :
	       "The device never kept a mapping the CPU had dropped.");
	return failures ? 1 : 0;
}
