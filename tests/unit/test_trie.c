/* The matcher: longest surface at a position, folding while walking. */
#include "harness.h"
#include "recog/trie.h"
#include "text/fold.h"

#include <string.h>

static uint32_t longest(const gx_trie *t, const char *s, size_t *len)
{
	*len = 0;
	return gx_trie_longest(t, (const unsigned char *)s, strlen(s), len);
}

int main(void)
{
	gx_trie *t;
	size_t len;

	gx_fold_init();
	t = gx_trie_new();
	gx_trie_add(t, "南京", strlen("南京"), 1);
	gx_trie_add(t, "南京大学", strlen("南京大学"), 2);
	gx_trie_add(t, "镇江高新区", strlen("镇江高新区"), 3);
	gx_trie_add(t, "北航(丹阳)研究院", strlen("北航(丹阳)研究院"), 4);
	gx_trie_add(t, "", 0, 99); /* ignored */
	gx_trie_finish(t);

	GX_CHECK_INT(longest(t, "南京大学与", &len), 2);
	GX_CHECK_INT(len, 12);
	GX_CHECK_INT(longest(t, "南京市", &len), 1);
	GX_CHECK_INT(len, 6);
	GX_CHECK_INT(longest(t, "南", &len), UINT32_MAX);
	GX_CHECK_INT(longest(t, "大学", &len), UINT32_MAX);
	/* Traditional and full-width spellings match, with original byte lengths */
	GX_CHECK_INT(longest(t, "鎮江高新區簽約", &len), 3);
	GX_CHECK_INT(len, 15);
	GX_CHECK_INT(longest(t, "北航（丹阳）研究院", &len), 4);
	GX_CHECK_INT(len, strlen("北航（丹阳）研究院"));
	/* an invalid byte stops a walk */
	GX_CHECK_INT(longest(t, "南京\xff大学", &len), 1);
	GX_CHECK_INT(len, 6);
	GX_CHECK(gx_trie_starts(t, 0x9547));  /* 镇 */
	GX_CHECK(gx_trie_starts(t, 0x93AE));  /* 鎮 folds to 镇 */
	GX_CHECK(!gx_trie_starts(t, 'x'));
	gx_trie_free(t);
	return gx_test_done();
}
