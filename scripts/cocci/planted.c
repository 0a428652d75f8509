// Planted cases for scripts/coccinelle/api/mmu_notifier_range.cocci, run by
// scripts/cocci-check.sh: every bad_ function must be reported, no good_ one.
struct mm_struct;
struct mmu_notifier_range { unsigned long start, end; };
void mmu_notifier_range_init(struct mmu_notifier_range *r, int ev, int fl,
			     struct mm_struct *mm, unsigned long s, unsigned long e);
void mmu_notifier_invalidate_range_start(struct mmu_notifier_range *r);
int mmu_notifier_invalidate_range_start_nonblock(struct mmu_notifier_range *r);
void mmu_notifier_invalidate_range_end(struct mmu_notifier_range *r);
void zap(struct mm_struct *mm);
void inspect(struct mmu_notifier_range *r);
int fails(void);

void bad_no_end_on_early_return(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	if (fails())
		return;
	zap(mm);
	mmu_notifier_invalidate_range_end(&r);
}

int bad_no_end_after_nonblock_success(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	if (mmu_notifier_invalidate_range_start_nonblock(&r))
		return -1;
	zap(mm);
	return 0;
}

void bad_end_of_another_range(struct mm_struct *mm)
{
	struct mmu_notifier_range r, r2;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_range_init(&r2, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	zap(mm);
	mmu_notifier_invalidate_range_end(&r2);
}

void bad_started_twice(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	zap(mm);
	mmu_notifier_invalidate_range_start(&r);
	mmu_notifier_invalidate_range_end(&r);
}

void bad_copied_in_flight(struct mm_struct *mm)
{
	struct mmu_notifier_range r, r2;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	r2 = r;
	zap(mm);
	mmu_notifier_invalidate_range_end(&r2);
}

void bad_reinitialised_in_flight(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	mmu_notifier_range_init(&r, 0, 0, mm, 4096, 8192);
	zap(mm);
	mmu_notifier_invalidate_range_end(&r);
}

void bad_field_written_in_flight(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	r.end = 8192;
	zap(mm);
	mmu_notifier_invalidate_range_end(&r);
}

void bad_handed_off_in_flight(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	inspect(&r);
	mmu_notifier_invalidate_range_end(&r);
}

/* 6.12's change_pud_range(): range.start == 0 taken for "not started". */
void bad_zero_start_as_not_started(struct mm_struct *mm, unsigned long addr,
				   unsigned long end)
{
	struct mmu_notifier_range range;

	range.start = 0;
	do {
		if (!range.start) {
			mmu_notifier_range_init(&range, 0, 0, mm, addr, end);
			mmu_notifier_invalidate_range_start(&range);
		}
		zap(mm);
		addr += 4096;
	} while (addr != end);
	if (range.start)
		mmu_notifier_invalidate_range_end(&range);
}

void good_balanced(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	zap(mm);
	mmu_notifier_invalidate_range_end(&r);
}

int good_failed_nonblock_needs_no_end(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	if (mmu_notifier_invalidate_range_start_nonblock(&r))
		return -1;
	zap(mm);
	mmu_notifier_invalidate_range_end(&r);
	return 0;
}

int good_end_on_every_path(struct mm_struct *mm)
{
	struct mmu_notifier_range r;
	int ret = 0;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	if (fails()) {
		ret = -1;
		goto out;
	}
	zap(mm);
out:
	mmu_notifier_invalidate_range_end(&r);
	return ret;
}

void good_reads_fields_in_flight(struct mm_struct *mm)
{
	struct mmu_notifier_range r;
	unsigned long n;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	n = r.end - r.start;
	if (n)
		zap(mm);
	mmu_notifier_invalidate_range_end(&r);
}

void good_two_in_sequence(struct mm_struct *mm)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, mm, 0, 4096);
	mmu_notifier_invalidate_range_start(&r);
	mmu_notifier_invalidate_range_end(&r);
	mmu_notifier_range_init(&r, 0, 0, mm, 4096, 8192);
	mmu_notifier_invalidate_range_start(&r);
	mmu_notifier_invalidate_range_end(&r);
}
