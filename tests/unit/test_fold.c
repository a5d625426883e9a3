#include "harness.h"
#include "text/fold.h"

int main(void)
{
	size_t i;
	int sorted = 1;

	GX_CHECK_INT(gx_fold_cp(0x93AE), 0x9547); /* 鎮 -> 镇 */
	GX_CHECK_INT(gx_fold_cp(0x5340), 0x533A); /* 區 -> 区 */
	GX_CHECK_INT(gx_fold_cp(0x570B), 0x56FD); /* 國 -> 国 */
	GX_CHECK_INT(gx_fold_cp(0x88FD), 0x5236); /* 製 -> 制 */
	GX_CHECK_INT(gx_fold_cp(0x5B78), 0x5B66); /* 學 -> 学 */
	GX_CHECK_INT(gx_fold_cp(0xFF08), '(');    /* （ */
	GX_CHECK_INT(gx_fold_cp(0xFF21), 'A');    /* Ａ */
	GX_CHECK_INT(gx_fold_cp(0x3000), ' ');
	GX_CHECK_INT(gx_fold_cp('a'), 'a');
	GX_CHECK_INT(gx_fold_cp(0x9547), 0x9547); /* already Simplified */
	GX_CHECK_INT(gx_fold_cp(0x3002), 0x3002); /* 。 stays: it ends sentences */
	GX_CHECK_INT(gx_fold_cp(0x1F600), 0x1F600);
	/* the generated table is sorted and never maps a character to itself */
	for (i = 1; i < gx_fold_pair_count; i++)
		if (gx_fold_pairs[i - 1][0] >= gx_fold_pairs[i][0] ||
		    gx_fold_pairs[i][0] == gx_fold_pairs[i][1])
			sorted = 0;
	GX_CHECK(sorted);
	GX_CHECK(gx_fold_pair_count > 2500);
	return gx_test_done();
}
