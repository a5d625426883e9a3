/* One dense table for the BMP, built once from the generated pairs, makes a
 * fold one array read on the hot path of the matcher. */
#include "text/fold.h"

#include <pthread.h>

#define BMP 0x10000

uint16_t gx_fold_table[BMP];
_Atomic int gx_fold_ready;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	uint32_t cp;
	size_t i;

	for (cp = 0; cp < BMP; cp++)
		gx_fold_table[cp] = (uint16_t)cp;
	for (cp = 0xFF01; cp <= 0xFF5E; cp++)
		gx_fold_table[cp] = (uint16_t)(cp - 0xFF01 + 0x21);
	gx_fold_table[0x3000] = 0x20;
	for (i = 0; i < gx_fold_pair_count; i++)
		if (gx_fold_pairs[i][0] < BMP && gx_fold_pairs[i][1] < BMP)
			gx_fold_table[gx_fold_pairs[i][0]] = (uint16_t)gx_fold_pairs[i][1];
	gx_fold_ready = 1;
}

void gx_fold_init(void)
{
	pthread_once(&once, build);
}
