// SPDX-License-Identifier: GPL-2.0
/*
 * mmu_interval_bench - microbenchmarks of the mmu_interval_notifier core.
 *
 * The module only uses exported API, so the same source measures any core
 * that keeps that API.  All work happens in module init, which runs in the
 * context of the insmod process: its mm is the mm under test.  The module
 * maps anonymous areas into it with vm_mmap(), registers intervals on them
 * and drives invalidations with zap_page_range_single() under
 * mmap_read_lock(), which is what MADV_DONTNEED does: it runs
 * invalidate_range_start/end over the range even when nothing is populated.
 * Kthreads that zap adopt the mm with kthread_use_mm(); init holds an
 * mmget() reference for the whole run.  Timing is ktime_get_ns().
 *
 * Each metric prints one line per variant, then init prints a total and
 * "done" and returns 0:
 *
 *   mmu_interval_bench: <metric> <key>=<value> ...
 *
 * P1  ns_per_pair: mmu_interval_read_begin() + mmu_interval_read_retry() on
 *     one idle interval, in a loop of iters pairs on one thread.  retries
 *     counts read_retry() == true and must be 0.
 * P2  pairs_per_sec: the P1 loop run at once by 2 kthreads (bound to CPU 0
 *     and 1 when both are online) on two intervals of the same mm, each for
 *     iters pairs, released together by a barrier.  The rate is all pairs
 *     over the time from the first start to the last end.  scaling is the
 *     P2 rate divided by the P1 rate (P1 is measured quietly if not run).
 * P3  ns_per_pair: one invalidate_range_start/end pair, i.e. one
 *     zap_page_range_single() of one unpopulated page, with n one-page
 *     intervals registered (one every other page of an 800 MB area); hit=1
 *     zaps the page of an interval, hit=0 the free page next to it.  n=0 is
 *     the cost of the zap alone: notifiers=0 is measured before the first
 *     insert into the mm (no notifier state), notifiers=1 after all
 *     intervals are gone again (state present, empty tree).  hit=K, with
 *     the largest population: one zap of the first 2K pages, which calls
 *     K = 100 or 10,000 intervals (ns per zap).
 * P4  p50_ns/p99_ns/max_ns/mean_ns: latency of mmu_interval_read_begin()
 *     on interval A right after A was invalidated (a zap of A whose
 *     callback only sets the sequence), while 3 kthreads zap back to back a
 *     disjoint range B whose interval callback sleeps ~1 ms (a device
 *     flush), so that B invalidations overlap.  The reader is its own
 *     kthread, samples are taken one after the other.  After cap_ms the B
 *     threads are told to stop, which lets a read_begin that waits for them
 *     return; then capped=1 and samples tells how many were taken (the last
 *     one lasted until the stop).  b_invalidations is the number of B zaps
 *     done meanwhile, elapsed_ms the wall time of the variant.
 * P5  the same statistics for mmu_interval_notifier_remove() of a one-page
 *     interval C while the same B invalidations run, with the same cap.
 *     c=fresh: each sample inserts C while B runs, then times its removal
 *     (a core may defer such an insert and then drop it cheaply).
 *     c=live: the samples remove, one each, intervals inserted before the B
 *     threads started, so they are live in the interval tree when removed.
 * P6  ns_per_pair: mmu_interval_notifier_insert() + remove() of one more
 *     one-page interval (in a free page in the middle of the P3 intervals)
 *     with n intervals registered.
 * P8  p50_ns/max_ns: wall time of one invalidation (one
 *     zap_page_range_single() of one unpopulated page, as P3) that hits n
 *     intervals, n = 1, 2, 4, 8, all registered on that same page: n
 *     emulated devices mirroring the same buffer, so the zap is the same for
 *     every n and only the callbacks change.  Each device's flush takes
 *     t_us: it records a deadline now + t_us and is done once the deadline
 *     passed.  mode=single: .invalidate starts the flush and waits for it,
 *     so an invalidation pays n flushes one after the other.  mode=two:
 *     .invalidate_start starts the flush and returns the device's embedded
 *     finish, .invalidate_finish waits for the deadline, so the n flushes
 *     overlap.  One warm-up invalidation, then rounds timed ones; flushes
 *     (and finishes) count the callbacks of the timed rounds and must be
 *     n * rounds.  The wait polls ktime_get_ns() with cond_resched(): under
 *     TCG a sleep wakes up late by a variable amount (usleep_range() made a
 *     1 ms flush take about 1.25 ms, up to 1.7 ms; polled, 1.02 ms), which
 *     would add one wake-up delay per flush to mode=single but one in all
 *     to mode=two.  "P8 overhead_ns" is the mode=single n=1 p50 minus t_us
 *     (what one interval costs beyond its flush), and limit_ns = 1.3 * t_us
 *     + overhead_ns, the goal for every mode=two p50.  mode=two needs the
 *     two-pass interface (BENCH_HAVE_TWO_PASS, defined by the build when
 *     <linux/mmu_notifier.h> has invalidate_finish); without it the module
 *     prints "P8 mode=two unsupported=1".
 * setup: grow_ns/shrink_ns, time to insert/remove the P3/P6 population.
 * Loop metrics also print iters and total_ns (so ns_per_pair = total/iters).
 *
 * Per-sample latencies are as fine as ktime_get_ns(): on a jiffies
 * clocksource (a VM without HPET/ACPI timers) they are multiples of a tick,
 * so mean_ns (an unbiased estimate there) is printed as well, and the total
 * line gives the measured clock_step_ns.  Loop metrics time whole loops.
 *
 * Parameters: run= comma list of P1..P6, P8 or "all"; scale= multiplies all
 * iteration and sample counts; cap_ms= wall-time cap of each P4/P5 variant
 * (default 10 s; at scale=1 a run that hits every cap stays under 35 s on an
 * emulated debug kernel).  Every other wait is capped too; a thread that
 * does not finish within MIB_DRAIN_MS after being told to stop is reported
 * (error=stuck, with its stack), leaked with its data and ends the run.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/mmu_notifier.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

static char *run = "all";
module_param(run, charp, 0444);
MODULE_PARM_DESC(run, "Comma list of metrics (P1..P6, P8) or \"all\"");

static unsigned int scale = 1;
module_param(scale, uint, 0444);
MODULE_PARM_DESC(scale, "Multiplier of iteration and sample counts");

static unsigned int cap_ms = 10000;
module_param(cap_ms, uint, 0444);
MODULE_PARM_DESC(cap_ms, "Wall-time cap of each P4/P5 variant in ms");

#define MIB_P1_ITERS		2000000ULL	/* P1 and P2, per thread */
#define MIB_P3_ITERS		20000ULL
#define MIB_P6_ITERS		20000ULL
#define MIB_SAMPLES		200U		/* P4, P5 */
#define MIB_NMAX		100000UL	/* largest P3/P6 population */
#define MIB_STORM_THREADS	3
#define MIB_FLUSH_US		1000
#define MIB_DRAIN_MS		10000		/* cap of waits after a stop */
#define MIB_START_MS		2000		/* cap of start-up waits */
#define MIB_BATCH		256
#define MIB_P8_NMAX		8		/* devices, n = 1, 2, 4, 8 */
#define MIB_P8_ROUNDS		20U		/* timed invalidations per n */

enum {
	MIB_P1 = BIT(0),
	MIB_P2 = BIT(1),
	MIB_P3 = BIT(2),
	MIB_P4 = BIT(3),
	MIB_P5 = BIT(4),
	MIB_P6 = BIT(5),
	MIB_P8 = BIT(6),
};

/* Indexed by bit; P7 runs in user space, not in the module. */
static const char * const mib_names[] = {
	"P1", "P2", "P3", "P4", "P5", "P6", "P8"
};

/* Set when a thread did not end: its data is leaked and the run ends. */
static bool mib_stuck;

struct mib {
	struct mm_struct	*mm;
	u64			scale;
	u64			p1_pairs_per_sec;	/* 0 until measured */
};

/* Callback of every interval but B: what a driver that just drops entries does. */
static bool mib_inv_plain(struct mmu_interval_notifier *sub,
			  const struct mmu_notifier_range *range,
			  unsigned long cur_seq)
{
	mmu_interval_set_seq(sub, cur_seq);
	return true;
}

/* Callback of interval B: emulates a device flush that sleeps. */
static bool mib_inv_flush(struct mmu_interval_notifier *sub,
			  const struct mmu_notifier_range *range,
			  unsigned long cur_seq)
{
	if (!mmu_notifier_range_blockable(range))
		return false;
	mmu_interval_set_seq(sub, cur_seq);
	usleep_range(MIB_FLUSH_US, MIB_FLUSH_US + 100);
	return true;
}

static const struct mmu_interval_notifier_ops mib_plain_ops = {
	.invalidate = mib_inv_plain,
};

static const struct mmu_interval_notifier_ops mib_flush_ops = {
	.invalidate = mib_inv_flush,
};

/* Map @npages of anonymous, unpopulated memory into current->mm; 0 on error. */
static unsigned long mib_map(unsigned long npages)
{
	unsigned long addr;

	addr = vm_mmap(NULL, 0, npages << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, 0);
	return IS_ERR_VALUE(addr) ? 0 : addr;
}

static void mib_unmap(unsigned long addr, unsigned long npages)
{
	if (addr)
		vm_munmap(addr, npages << PAGE_SHIFT);
}

/* One invalidate_range_start/end over the page at @addr. */
static int mib_zap(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	if (vma)
		zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
	mmap_read_unlock(mm);
	return vma ? 0 : -EFAULT;
}

/* Zap the page at @addr @iters times; returns the ns spent, 0 on error. */
static u64 mib_zap_loop(struct mm_struct *mm, unsigned long addr,
			unsigned long size, u64 iters)
{
	struct vm_area_struct *vma;
	u64 done = 0, ns = 0, n, i, t0;

	while (done < iters) {
		n = min_t(u64, iters - done, MIB_BATCH);
		mmap_read_lock(mm);
		vma = vma_lookup(mm, addr);
		if (!vma) {
			mmap_read_unlock(mm);
			return 0;
		}
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++)
			zap_page_range_single(vma, addr, size, NULL);
		ns += ktime_get_ns() - t0;
		mmap_read_unlock(mm);
		done += n;
		cond_resched();
	}
	return ns;
}

/* @iters read_begin/read_retry pairs; returns how many said "retry". */
static u64 mib_pairs(struct mmu_interval_notifier *sub, u64 iters)
{
	unsigned long seq;
	u64 i, retries = 0;

	for (i = 0; i < iters; i++) {
		seq = mmu_interval_read_begin(sub);
		retries += mmu_interval_read_retry(sub, seq);
		if ((i % MIB_BATCH) == MIB_BATCH - 1)
			cond_resched();
	}
	return retries;
}

static u64 mib_per_sec(u64 count, u64 ns)
{
	return ns ? mul_u64_u64_div_u64(count, NSEC_PER_SEC, ns) : 0;
}

/* Kthreads */

struct mib_thread {
	struct task_struct		*task;
	void				(*work)(struct mib_thread *t);
	struct mm_struct		*use_mm;	/* adopted if set */
	struct mm_struct		*mm;		/* mm under test */
	struct completion		done;
	struct completion		*go;		/* start barrier or NULL */
	atomic_t			*ready;		/* counts threads at go */
	bool				*stop;
	struct mmu_interval_notifier	*sub;
	struct mmu_interval_notifier	*pool;
	unsigned long			addr;
	u64				iters;
	u64				result;
	u64				t_start;
	u64				t_end;
	u64				*lat;
	unsigned int			nlat;		/* capacity of lat */
	unsigned int			taken;		/* samples in lat */
	int				err;
	bool				finished;	/* done was seen */
};

static int mib_thread_fn(void *arg)
{
	struct mib_thread *t = arg;
	bool go = true;

	if (t->use_mm)
		kthread_use_mm(t->use_mm);
	if (t->go) {
		atomic_inc(t->ready);
		go = wait_for_completion_timeout(t->go,
						 msecs_to_jiffies(MIB_START_MS));
	}
	if (go)
		t->work(t);
	else
		t->err = -ETIMEDOUT;
	if (t->use_mm)
		kthread_unuse_mm(t->use_mm);
	complete(&t->done);

	/* Wait for kthread_stop(), so no module text runs after it returns. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int mib_thread_start(struct mib_thread *t, int cpu, const char *name)
{
	struct task_struct *task;

	init_completion(&t->done);
	t->finished = false;
	task = kthread_create(mib_thread_fn, t, "mib_%s", name);
	if (IS_ERR(task))
		return PTR_ERR(task);
	if (cpu >= 0)
		kthread_bind(task, cpu);
	t->task = task;
	wake_up_process(task);
	return 0;
}

/* Wait up to @ms for @t to finish its work; true if it did. */
static bool mib_thread_wait(struct mib_thread *t, unsigned int ms)
{
	if (!t->finished)
		t->finished = wait_for_completion_timeout(&t->done,
							  msecs_to_jiffies(ms));
	return t->finished;
}

/*
 * Wait up to @ms for @t to finish its work, then reap it.  Returns false,
 * and marks the run stuck, if it did not finish: the caller must then leak
 * everything the thread may still touch.
 */
static bool mib_thread_reap(struct mib_thread *t, unsigned int ms)
{
	if (!t->task)
		return true;
	if (!mib_thread_wait(t, ms)) {
		mib_stuck = true;
		pr_info("error=stuck thread=%s\n", t->task->comm);
		sched_show_task(t->task);
		return false;
	}
	kthread_stop(t->task);
	t->task = NULL;
	return true;
}

/* Step of ktime_get_ns(), which is coarse on a jiffies clocksource. */
static u64 mib_clock_step(void)
{
	u64 t0, t1, t2;
	long spins = 1000000;

	t0 = ktime_get_ns();
	while ((t1 = ktime_get_ns()) == t0 && --spins > 0)
		cpu_relax();
	while ((t2 = ktime_get_ns()) == t1 && --spins > 0)
		cpu_relax();
	return spins > 0 ? t2 - t1 : 0;
}

static int mib_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* P1 */

static u64 mib_p1_measure(struct mib *b, struct mmu_interval_notifier *sub,
			  u64 *ns, u64 *retries)
{
	u64 iters = MIB_P1_ITERS * b->scale, t0;

	t0 = ktime_get_ns();
	*retries = mib_pairs(sub, iters);
	*ns = ktime_get_ns() - t0;
	b->p1_pairs_per_sec = mib_per_sec(iters, *ns);
	return iters;
}

static void mib_p1(struct mib *b, bool quiet)
{
	struct mmu_interval_notifier sub;
	u64 iters, ns, retries;
	unsigned long addr;
	int ret;

	addr = mib_map(1);
	if (!addr) {
		pr_info("P1 error=%d\n", -ENOMEM);
		return;
	}
	ret = mmu_interval_notifier_insert(&sub, b->mm, addr, PAGE_SIZE,
					   &mib_plain_ops);
	if (ret) {
		pr_info("P1 error=%d\n", ret);
		goto out;
	}
	iters = mib_p1_measure(b, &sub, &ns, &retries);
	mmu_interval_notifier_remove(&sub);
	if (!quiet)
		pr_info("P1 ns_per_pair=%llu iters=%llu total_ns=%llu retries=%llu\n",
			div64_u64(ns, iters), iters, ns, retries);
out:
	mib_unmap(addr, 1);
}

/* P2 */

struct mib_p2 {
	struct mib_thread		thr[2];
	struct mmu_interval_notifier	sub[2];
	struct completion		go;
	atomic_t			ready;
};

static void mib_pairs_work(struct mib_thread *t)
{
	t->t_start = ktime_get_ns();
	t->result = mib_pairs(t->sub, t->iters);
	t->t_end = ktime_get_ns();
}

static void mib_p2(struct mib *b)
{
	u64 iters = MIB_P1_ITERS * b->scale, start = U64_MAX, end = 0;
	u64 rate, scaling, retries = 0;
	bool bound, capped = false;
	struct mib_p2 *p;
	unsigned long addr, deadline;
	int i, ret = 0, inserted = 0;

	if (!b->p1_pairs_per_sec)
		mib_p1(b, true);

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	addr = mib_map(2);
	if (!p || !addr) {
		pr_info("P2 error=%d\n", -ENOMEM);
		goto out;
	}
	for (; inserted < 2; inserted++) {
		ret = mmu_interval_notifier_insert(&p->sub[inserted], b->mm,
						   addr + inserted * PAGE_SIZE,
						   PAGE_SIZE, &mib_plain_ops);
		if (ret) {
			pr_info("P2 error=%d\n", ret);
			goto out;
		}
	}
	init_completion(&p->go);
	atomic_set(&p->ready, 0);
	bound = num_online_cpus() >= 2 && cpu_online(0) && cpu_online(1);
	for (i = 0; i < 2; i++) {
		struct mib_thread *t = &p->thr[i];

		t->work = mib_pairs_work;
		t->go = &p->go;
		t->ready = &p->ready;
		t->sub = &p->sub[i];
		t->iters = iters;
		ret = mib_thread_start(t, bound ? i : -1, i ? "p2b" : "p2a");
		if (ret)
			break;
	}
	/* Release both threads together once both wait at the barrier. */
	deadline = jiffies + msecs_to_jiffies(MIB_START_MS);
	while (atomic_read(&p->ready) < i && time_before(jiffies, deadline))
		usleep_range(100, 200);
	complete_all(&p->go);
	for (i = 0; i < 2; i++) {
		if (!p->thr[i].task)
			continue;
		if (!mib_thread_reap(&p->thr[i], cap_ms + MIB_DRAIN_MS)) {
			pr_info("P2 error=stuck\n");
			return;	/* leak p: a thread may still use it */
		}
		if (p->thr[i].err)
			ret = p->thr[i].err;
		start = min(start, p->thr[i].t_start);
		end = max(end, p->thr[i].t_end);
		retries += p->thr[i].result;
	}
	if (ret) {
		pr_info("P2 error=%d\n", ret);
		goto out;
	}
	capped = atomic_read(&p->ready) < 2;
	rate = mib_per_sec(2 * iters, end - start);
	scaling = b->p1_pairs_per_sec ?
		  div64_u64(rate * 1000, b->p1_pairs_per_sec) : 0;
	pr_info("P2 pairs_per_sec=%llu scaling=%llu.%03llu threads=2 cpus=%u bound=%d iters=%llu total_ns=%llu p1_pairs_per_sec=%llu retries=%llu capped=%d\n",
		rate, scaling / 1000, scaling % 1000, num_online_cpus(), bound,
		iters,
		end - start, b->p1_pairs_per_sec, retries, capped);
out:
	while (inserted-- > 0)
		mmu_interval_notifier_remove(&p->sub[inserted]);
	mib_unmap(addr, 2);
	kfree(p);
}

/* P3 and P6: a population of one-page intervals, one every other page. */

struct mib_pop {
	struct mmu_interval_notifier	*subs;
	unsigned long			nr;
	unsigned long			base;
	unsigned long			npages;
};

static unsigned long mib_pop_page(struct mib_pop *p, unsigned long pg)
{
	return p->base + pg * PAGE_SIZE;
}

static int mib_pop_grow(struct mib *b, struct mib_pop *p, unsigned long n)
{
	int ret;

	for (; p->nr < n; p->nr++) {
		ret = mmu_interval_notifier_insert(&p->subs[p->nr], b->mm,
						   mib_pop_page(p, 2 * p->nr),
						   PAGE_SIZE, &mib_plain_ops);
		if (ret)
			return ret;
		if ((p->nr % MIB_BATCH) == MIB_BATCH - 1)
			cond_resched();
	}
	return 0;
}

static void mib_pop_shrink(struct mib_pop *p)
{
	while (p->nr) {
		mmu_interval_notifier_remove(&p->subs[--p->nr]);
		if ((p->nr % MIB_BATCH) == 0)
			cond_resched();
	}
}

static void mib_p3_line(struct mib *b, struct mib_pop *p, bool hit,
			const char *extra)
{
	u64 iters = MIB_P3_ITERS * b->scale, ns;
	unsigned long pg = 2 * (p->nr / 2) + !hit;

	ns = mib_zap_loop(b->mm, mib_pop_page(p, pg), PAGE_SIZE, iters);
	if (!ns) {
		pr_info("P3 n=%lu hit=%d error=%d\n", p->nr, hit, -EFAULT);
		return;
	}
	pr_info("P3 n=%lu hit=%d%s ns_per_pair=%llu iters=%llu total_ns=%llu\n",
		p->nr, hit, extra, div64_u64(ns, iters), iters, ns);
}

/*
 * P3 hit=K: one zap over the first 2 * K pages of the population, which
 * calls K intervals; fewer iterations, as each does K callbacks.
 */
static void mib_p3_many_line(struct mib *b, struct mib_pop *p,
			     unsigned long k)
{
	u64 iters = max_t(u64, MIB_P3_ITERS * b->scale / k, 20), ns;

	ns = mib_zap_loop(b->mm, mib_pop_page(p, 0), 2 * k * PAGE_SIZE, iters);
	if (!ns) {
		pr_info("P3 n=%lu hit=%lu error=%d\n", p->nr, k, -EFAULT);
		return;
	}
	pr_info("P3 n=%lu hit=%lu ns_per_pair=%llu iters=%llu total_ns=%llu\n",
		p->nr, k, div64_u64(ns, iters), iters, ns);
}

static void mib_p6_line(struct mib *b, struct mib_pop *p)
{
	u64 iters = MIB_P6_ITERS * b->scale, i, t0, ns;
	unsigned long addr = mib_pop_page(p, 2 * (p->nr / 2) + 1);
	struct mmu_interval_notifier sub;
	int ret = 0;

	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++) {
		ret = mmu_interval_notifier_insert(&sub, b->mm, addr, PAGE_SIZE,
						   &mib_plain_ops);
		if (ret)
			break;
		mmu_interval_notifier_remove(&sub);
		if ((i % MIB_BATCH) == MIB_BATCH - 1)
			cond_resched();
	}
	ns = ktime_get_ns() - t0;
	if (ret) {
		pr_info("P6 n=%lu error=%d\n", p->nr, ret);
		return;
	}
	pr_info("P6 n=%lu ns_per_pair=%llu iters=%llu total_ns=%llu\n",
		p->nr, div64_u64(ns, iters), iters, ns);
}

static void mib_pop_metrics(struct mib *b, struct mib_pop *p,
			    unsigned int mask)
{
	static const unsigned long sizes[] = { 1, 1000, MIB_NMAX };
	unsigned int i;
	u64 t0;
	int ret;

	p->subs = kvcalloc(MIB_NMAX, sizeof(*p->subs), GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		t0 = ktime_get_ns();
		ret = p->subs ? mib_pop_grow(b, p, sizes[i]) : -ENOMEM;
		if (ret) {
			pr_info("P3 n=%lu error=%d\n", sizes[i], ret);
			break;
		}
		pr_info("setup n=%lu grow_ns=%llu\n", p->nr, ktime_get_ns() - t0);
		if (mask & MIB_P3) {
			mib_p3_line(b, p, false, "");
			mib_p3_line(b, p, true, "");
		}
		if ((mask & MIB_P3) && p->nr == MIB_NMAX) {
			mib_p3_many_line(b, p, 100);
			mib_p3_many_line(b, p, 10000);
		}
		if (mask & MIB_P6)
			mib_p6_line(b, p);
	}
	t0 = ktime_get_ns();
	mib_pop_shrink(p);
	pr_info("setup n=0 shrink_ns=%llu\n", ktime_get_ns() - t0);
	if (mask & MIB_P3)
		mib_p3_line(b, p, false, mm_has_notifiers(b->mm) ?
			    " notifiers=1" : " notifiers=0");
	kvfree(p->subs);
	p->subs = NULL;
}

/* P4 and P5: latency under a storm of overlapping, sleeping invalidations. */

enum mib_lat_kind { MIB_LAT_READ, MIB_LAT_FRESH, MIB_LAT_LIVE };

struct mib_lat {
	struct mib_thread		storm[MIB_STORM_THREADS];
	struct mib_thread		meas;
	struct mmu_interval_notifier	sub_b;
	struct mmu_interval_notifier	sub_a;
	struct mmu_interval_notifier	*pool;
	unsigned int			npool;
	bool				stop;
	u64				*lat;
};

/* Page layout of the P4/P5 area: A, then B (one page per storm thread). */
#define MIB_PG_A	0
#define MIB_PG_B	2
#define MIB_PG_C	8
#define MIB_PG_POOL	16

static void mib_storm_work(struct mib_thread *t)
{
	while (!READ_ONCE(*t->stop)) {
		t->err = mib_zap(t->use_mm, t->addr);
		if (t->err)
			break;
		WRITE_ONCE(t->result, t->result + 1);
		cond_resched();
	}
}

static void mib_read_work(struct mib_thread *t)
{
	unsigned int i;
	u64 t0;

	for (i = 0; i < t->nlat && !READ_ONCE(*t->stop); i++) {
		t->err = mib_zap(t->use_mm, t->addr);
		if (t->err)
			break;
		t0 = ktime_get_ns();
		mmu_interval_read_begin(t->sub);
		t->lat[i] = ktime_get_ns() - t0;
		cond_resched();
	}
	t->taken = i;
}

static void mib_fresh_work(struct mib_thread *t)
{
	unsigned int i;
	u64 t0;

	for (i = 0; i < t->nlat && !READ_ONCE(*t->stop); i++) {
		t->err = mmu_interval_notifier_insert(t->sub, t->mm, t->addr,
						      PAGE_SIZE,
						      &mib_plain_ops);
		if (t->err)
			break;
		t0 = ktime_get_ns();
		mmu_interval_notifier_remove(t->sub);
		t->lat[i] = ktime_get_ns() - t0;
		cond_resched();
	}
	t->taken = i;
}

static void mib_live_work(struct mib_thread *t)
{
	unsigned int i;
	u64 t0;

	for (i = 0; i < t->nlat && !READ_ONCE(*t->stop); i++) {
		t0 = ktime_get_ns();
		mmu_interval_notifier_remove(&t->pool[i]);
		t->lat[i] = ktime_get_ns() - t0;
		cond_resched();
	}
	t->taken = i;
}

/* Start the B threads and wait until each has done one invalidation. */
static int mib_storm_start(struct mib *b, struct mib_lat *l,
			   unsigned long area)
{
	unsigned long deadline;
	char name[8];
	int i, ret;

	for (i = 0; i < MIB_STORM_THREADS; i++) {
		struct mib_thread *t = &l->storm[i];

		t->work = mib_storm_work;
		t->use_mm = b->mm;
		t->mm = b->mm;
		t->stop = &l->stop;
		t->addr = area + (MIB_PG_B + i) * PAGE_SIZE;
		snprintf(name, sizeof(name), "b%d", i);
		ret = mib_thread_start(t, -1, name);
		if (ret)
			return ret;
	}
	deadline = jiffies + msecs_to_jiffies(MIB_START_MS);
	for (i = 0; i < MIB_STORM_THREADS; i++) {
		while (!READ_ONCE(l->storm[i].result) &&
		       !READ_ONCE(l->storm[i].err) &&
		       time_before(jiffies, deadline))
			usleep_range(100, 200);
		if (READ_ONCE(l->storm[i].err))
			return READ_ONCE(l->storm[i].err);
	}
	return 0;
}

/* Stop and reap the B threads; returns false if one is stuck. */
static bool mib_storm_stop(struct mib_lat *l, u64 *invs)
{
	bool ok = true;
	int i;

	WRITE_ONCE(l->stop, true);
	*invs = 0;
	for (i = 0; i < MIB_STORM_THREADS; i++) {
		if (!mib_thread_reap(&l->storm[i], MIB_DRAIN_MS))
			ok = false;
		else
			*invs += l->storm[i].result;
	}
	return ok;
}

static void mib_lat_report(const char *what, struct mib_lat *l,
			   unsigned int n, bool capped, u64 invs, u64 ns)
{
	u64 p50 = 0, p99 = 0, max = 0, sum = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		sum += l->lat[i];
	if (n) {
		sort(l->lat, n, sizeof(*l->lat), mib_cmp_u64, NULL);
		p50 = l->lat[n / 2];
		p99 = l->lat[min(n - 1, n * 99 / 100)];
		max = l->lat[n - 1];
	}
	pr_info("%s p50_ns=%llu p99_ns=%llu max_ns=%llu mean_ns=%llu samples=%u capped=%d b_invalidations=%llu elapsed_ms=%llu\n",
		what, p50, p99, max, n ? div64_u64(sum, n) : 0, n, capped,
		invs, div64_u64(ns, NSEC_PER_MSEC));
}

static void mib_lat_run(struct mib *b, enum mib_lat_kind kind)
{
	static const char * const names[] = {
		[MIB_LAT_READ] = "P4",
		[MIB_LAT_FRESH] = "P5 c=fresh",
		[MIB_LAT_LIVE] = "P5 c=live",
	};
	unsigned int nsamples = MIB_SAMPLES * b->scale;
	unsigned long area, addr, npages = MIB_PG_POOL + nsamples;
	bool capped = false, a_in = false, b_in = false;
	struct mib_thread *m;
	struct mib_lat *l;
	u64 invs = 0, t0;
	int ret = 0;

	t0 = ktime_get_ns();
	area = mib_map(npages);
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!area || !l) {
		ret = -ENOMEM;
		goto out;
	}
	l->lat = kvcalloc(nsamples, sizeof(*l->lat), GFP_KERNEL);
	if (!l->lat) {
		ret = -ENOMEM;
		goto out;
	}
	m = &l->meas;
	m->mm = b->mm;
	m->stop = &l->stop;
	m->lat = l->lat;
	m->nlat = nsamples;
	switch (kind) {
	case MIB_LAT_READ:
		ret = mmu_interval_notifier_insert(&l->sub_a, b->mm,
						   area + MIB_PG_A * PAGE_SIZE,
						   PAGE_SIZE, &mib_plain_ops);
		if (ret)
			goto out;
		a_in = true;
		m->work = mib_read_work;
		m->use_mm = b->mm;
		m->sub = &l->sub_a;
		m->addr = area + MIB_PG_A * PAGE_SIZE;
		break;
	case MIB_LAT_FRESH:
		m->work = mib_fresh_work;
		m->sub = &l->sub_a;
		m->addr = area + MIB_PG_C * PAGE_SIZE;
		break;
	case MIB_LAT_LIVE:
		l->pool = kvcalloc(nsamples, sizeof(*l->pool), GFP_KERNEL);
		if (!l->pool) {
			ret = -ENOMEM;
			goto out;
		}
		for (; l->npool < nsamples; l->npool++) {
			addr = area + (MIB_PG_POOL + l->npool) * PAGE_SIZE;
			ret = mmu_interval_notifier_insert(&l->pool[l->npool],
							   b->mm, addr,
							   PAGE_SIZE,
							   &mib_plain_ops);
			if (ret)
				goto out;
		}
		m->work = mib_live_work;
		m->pool = l->pool;
		break;
	}

	ret = mmu_interval_notifier_insert(&l->sub_b, b->mm,
					   area + MIB_PG_B * PAGE_SIZE,
					   MIB_STORM_THREADS * PAGE_SIZE,
					   &mib_flush_ops);
	if (ret)
		goto out;
	b_in = true;
	ret = mib_storm_start(b, l, area);
	if (!ret)
		ret = mib_thread_start(m, -1, "meas");
	if (!ret && !mib_thread_wait(m, cap_ms))
		capped = true;
	if (!mib_storm_stop(l, &invs) || !mib_thread_reap(m, MIB_DRAIN_MS)) {
		pr_info("%s error=stuck\n", names[kind]);
		return;	/* leak l, its intervals and the area */
	}
	if (!ret)
		ret = m->err;
	if (!ret)
		mib_lat_report(names[kind], l, m->taken, capped, invs,
			       ktime_get_ns() - t0);
out:
	if (ret)
		pr_info("%s error=%d\n", names[kind], ret);
	if (l) {
		if (b_in)
			mmu_interval_notifier_remove(&l->sub_b);
		if (a_in)
			mmu_interval_notifier_remove(&l->sub_a);
		/* Samples taken removed pool[0 .. taken). */
		while (l->npool > l->meas.taken)
			mmu_interval_notifier_remove(&l->pool[--l->npool]);
		kvfree(l->pool);
		kvfree(l->lat);
		kfree(l);
	}
	mib_unmap(area, npages);
}

/* P8: one invalidation hitting n devices whose flush takes MIB_FLUSH_US. */

struct mib_dev {
	struct mmu_interval_notifier		sub;
#ifdef BENCH_HAVE_TWO_PASS
	struct mmu_interval_notifier_finish	finish;
#endif
	u64					deadline;	/* of the flush */
	u64					flushes;
	u64					finishes;
};

/* Start a flush: the device is done with it MIB_FLUSH_US from now. */
static void mib_dev_flush_start(struct mib_dev *d)
{
	d->deadline = ktime_get_ns() + MIB_FLUSH_US * NSEC_PER_USEC;
	d->flushes++;
}

/*
 * Wait for the flush: poll the clock rather than sleep, since an hrtimer
 * under TCG wakes up late by a variable amount (see P8 above).
 */
static void mib_dev_flush_wait(struct mib_dev *d)
{
	while (ktime_get_ns() < d->deadline) {
		cpu_relax();
		cond_resched();
	}
}

/* Single pass: start the flush and wait for it. */
static bool mib_inv_single(struct mmu_interval_notifier *sub,
			   const struct mmu_notifier_range *range,
			   unsigned long cur_seq)
{
	struct mib_dev *d = container_of(sub, struct mib_dev, sub);

	if (!mmu_notifier_range_blockable(range))
		return false;
	mmu_interval_set_seq(sub, cur_seq);
	mib_dev_flush_start(d);
	mib_dev_flush_wait(d);
	return true;
}

static const struct mmu_interval_notifier_ops mib_single_ops = {
	.invalidate = mib_inv_single,
};

#ifdef BENCH_HAVE_TWO_PASS
/* First pass: start the flush, ask for the second pass. */
static bool mib_inv_two_start(struct mmu_interval_notifier *sub,
			      const struct mmu_notifier_range *range,
			      unsigned long cur_seq,
			      struct mmu_interval_notifier_finish **finish)
{
	struct mib_dev *d = container_of(sub, struct mib_dev, sub);

	/* The second pass would wait in this same context: refuse. */
	if (!mmu_notifier_range_blockable(range))
		return false;
	mmu_interval_set_seq(sub, cur_seq);
	mib_dev_flush_start(d);
	*finish = &d->finish;
	return true;
}

/* Second pass: wait for the flush the first pass started. */
static void mib_inv_two_finish(struct mmu_interval_notifier_finish *finish)
{
	struct mib_dev *d = container_of(finish, struct mib_dev, finish);

	mib_dev_flush_wait(d);
	d->finishes++;
}

static const struct mmu_interval_notifier_ops mib_two_ops = {
	.invalidate_start = mib_inv_two_start,
	.invalidate_finish = mib_inv_two_finish,
};
#endif

struct mib_p8 {
	struct mib_dev	dev[MIB_P8_NMAX];
	u64		lat[MIB_P8_ROUNDS];
};

/* One zap of the page at @addr; returns its ns, 0 on error. */
static u64 mib_p8_zap(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	u64 t0, ns = 0;

	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	if (vma) {
		t0 = ktime_get_ns();
		zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
		ns = max(ktime_get_ns() - t0, 1ULL);
	}
	mmap_read_unlock(mm);
	return ns;
}

/*
 * Register @n devices with @ops on the page at @addr, time MIB_P8_ROUNDS
 * invalidations of it and print one line.  Returns the p50, 0 on error.
 */
static u64 mib_p8_line(struct mib *b, struct mib_p8 *p, unsigned long addr,
		       unsigned int n, const char *mode,
		       const struct mmu_interval_notifier_ops *ops)
{
	u64 p50 = 0, flushes = 0, finishes = 0;
	unsigned int i, r, inserted = 0;
	int ret = 0;

	memset(p, 0, sizeof(*p));
	for (; inserted < n; inserted++) {
		ret = mmu_interval_notifier_insert(&p->dev[inserted].sub, b->mm,
						   addr, PAGE_SIZE, ops);
		if (ret)
			goto out;
	}
	/* Warm-up, not counted. */
	if (!mib_p8_zap(b->mm, addr)) {
		ret = -EFAULT;
		goto out;
	}
	for (i = 0; i < n; i++) {
		p->dev[i].flushes = 0;
		p->dev[i].finishes = 0;
	}
	for (r = 0; r < MIB_P8_ROUNDS; r++) {
		p->lat[r] = mib_p8_zap(b->mm, addr);
		if (!p->lat[r]) {
			ret = -EFAULT;
			goto out;
		}
		cond_resched();
	}
	for (i = 0; i < n; i++) {
		flushes += p->dev[i].flushes;
		finishes += p->dev[i].finishes;
	}
	sort(p->lat, MIB_P8_ROUNDS, sizeof(*p->lat), mib_cmp_u64, NULL);
	p50 = p->lat[MIB_P8_ROUNDS / 2];
	pr_info("P8 mode=%s n=%u t_us=%u p50_ns=%llu max_ns=%llu min_ns=%llu rounds=%u flushes=%llu finishes=%llu\n",
		mode, n, MIB_FLUSH_US, p50, p->lat[MIB_P8_ROUNDS - 1],
		p->lat[0], MIB_P8_ROUNDS, flushes, finishes);
out:
	while (inserted > 0)
		mmu_interval_notifier_remove(&p->dev[--inserted].sub);
	if (ret)
		pr_info("P8 mode=%s n=%u error=%d\n", mode, n, ret);
	return p50;
}

static void mib_p8(struct mib *b)
{
	static const unsigned int sizes[] = { 1, 2, 4, MIB_P8_NMAX };
	u64 t = MIB_FLUSH_US * NSEC_PER_USEC, p50, ref = 0, overhead;
	struct mib_p8 *p;
	unsigned long addr;
	unsigned int i;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	addr = mib_map(1);
	if (!p || !addr) {
		pr_info("P8 error=%d\n", -ENOMEM);
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p50 = mib_p8_line(b, p, addr, sizes[i], "single",
				  &mib_single_ops);
		if (sizes[i] == 1)
			ref = p50;
	}
	/* What one interval costs beyond its flush, and the two-pass goal. */
	if (ref) {
		overhead = ref > t ? ref - t : 0;
		pr_info("P8 t_us=%u overhead_ns=%llu limit_ns=%llu\n",
			MIB_FLUSH_US, overhead, div_u64(13 * t, 10) + overhead);
	}
#ifdef BENCH_HAVE_TWO_PASS
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		mib_p8_line(b, p, addr, sizes[i], "two", &mib_two_ops);
#else
	pr_info("P8 mode=two unsupported=1\n");
#endif
out:
	mib_unmap(addr, 1);
	kfree(p);
}

static unsigned int mib_parse(const char *s)
{
	unsigned int mask = 0;
	char *buf, *p, *tok;
	unsigned int i;

	buf = kstrdup(s ? s : "all", GFP_KERNEL);
	if (!buf)
		return 0;
	p = buf;
	while ((tok = strsep(&p, ",")) != NULL) {
		tok = strim(tok);
		if (!*tok)
			continue;
		if (!strcasecmp(tok, "all")) {
			mask |= GENMASK(ARRAY_SIZE(mib_names) - 1, 0);
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(mib_names); i++)
			if (!strcasecmp(tok, mib_names[i]))
				break;
		if (i < ARRAY_SIZE(mib_names))
			mask |= BIT(i);
		else
			pr_info("error unknown_metric=%s\n", tok);
	}
	kfree(buf);
	return mask;
}

static int __init mib_init(void)
{
	struct mib b = { .scale = max(scale, 1U) };
	struct mib_pop pop = { };
	unsigned int mask = mib_parse(run);
	u64 t0 = ktime_get_ns();

	b.mm = current->mm;
	if (!b.mm || !mmget_not_zero(b.mm)) {
		pr_info("error=no_mm\n");
		goto done;
	}

	if (mask & (MIB_P3 | MIB_P6)) {
		pop.npages = 2 * MIB_NMAX + 2;
		pop.base = mib_map(pop.npages);
		if (!pop.base)
			pr_info("P3 error=%d\n", -ENOMEM);
	}
	/* Before anything registers an interval on this mm. */
	if ((mask & MIB_P3) && pop.base)
		mib_p3_line(&b, &pop, false, mm_has_notifiers(b.mm) ?
			    " notifiers=1" : " notifiers=0");
	if (mask & MIB_P1)
		mib_p1(&b, false);
	if (mask & MIB_P2)
		mib_p2(&b);
	if (!mib_stuck && pop.base)
		mib_pop_metrics(&b, &pop, mask);
	mib_unmap(pop.base, pop.npages);
	if (!mib_stuck && (mask & MIB_P4))
		mib_lat_run(&b, MIB_LAT_READ);
	if (!mib_stuck && (mask & MIB_P5))
		mib_lat_run(&b, MIB_LAT_FRESH);
	if (!mib_stuck && (mask & MIB_P5))
		mib_lat_run(&b, MIB_LAT_LIVE);
	if (!mib_stuck && (mask & MIB_P8))
		mib_p8(&b);
	if (!mib_stuck)
		mmput(b.mm);
	pr_info("total elapsed_ms=%llu scale=%llu cap_ms=%u clock_step_ns=%llu stuck=%d\n",
		div64_u64(ktime_get_ns() - t0, NSEC_PER_MSEC), b.scale, cap_ms,
		mib_clock_step(), mib_stuck);
done:
	pr_info("done\n");
	/* Always 0: busybox insmod retries a failed init_module(). */
	return 0;
}

static void __exit mib_exit(void)
{
}

module_init(mib_init);
module_exit(mib_exit);

MODULE_DESCRIPTION("Benchmark of the mmu_interval_notifier core");
MODULE_LICENSE("GPL");
