#include "core/strmap.h"
#include "harness.h"

#include <stdio.h>
#include <string.h>

int main(void)
{
	gx_strmap m = GX_STRMAP_INIT;
	uint32_t v = 0, *slot;
	const char *stored;
	char key[32];
	int i, bad = 0;

	GX_CHECK(!gx_strmap_get(&m, "x", 1, &v));
	GX_CHECK_INT(gx_strmap_put(&m, "南京", 6, 7, &slot, &stored), 1);
	GX_CHECK_STR(stored, "南京");
	GX_CHECK_INT(gx_strmap_put(&m, "南京", 6, 9, &slot, NULL), 0);
	GX_CHECK_INT(*slot, 7);
	/* many keys survive rehashing; stored keys stay valid */
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		gx_strmap_put(&m, key, strlen(key), (uint32_t)i, NULL, NULL);
	}
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		if (!gx_strmap_get(&m, key, strlen(key), &v) || v != (uint32_t)i)
			bad++;
	}
	GX_CHECK_INT(bad, 0);
	GX_CHECK_STR(stored, "南京");
	GX_CHECK_INT(m.count, 100001);
	gx_strmap_dispose(&m);
	return gx_test_done();
}
