// Every invalidation start, with its function: the sites scripts/cocci-check.sh
// makes one case each of.
virtual report

@site@
expression R;
position p;
@@
(
mmu_notifier_invalidate_range_start@p(R)
|
mmu_notifier_invalidate_range_start_nonblock@p(R)
)

@script:python@
p << site.p;
@@
print("%s:%s: %s: site" % (p[0].file, p[0].line, p[0].current_element))
