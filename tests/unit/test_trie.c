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

/* The longest match from every position by brute force over the keys. */
static uint32_t brute_longest(const char *const *keys, const uint32_t *vals, size_t nk,
			      const char *s, size_t len, size_t *mlen)
{
	uint32_t best = UINT32_MAX;
	size_t i, bl = 0;

	for (i = 0; i < nk; i++) {
		size_t kl = strlen(keys[i]);

		if (kl <= len && kl > bl && memcmp(keys[i], s, kl) == 0) {
			bl = kl;
			best = vals[i];
		}
	}
	*mlen = bl;
	return best;
}

/* Property: on random strings over a small alphabet, gx_trie_scan() gives
 * at every position what gx_trie_longest() and a brute force give, however
 * the text is cut into pieces (starts < n, read-ahead). */
static void random_texts(void)
{
	static const char *const alpha[] = {"a", "b", "中", "国", "科", "𠀀", "\xff"};
	char keybuf[64][32], text[400];
	const char *keys[64];
	uint32_t vals[64], sym[401], off[402];
	gx_trie_match out[401];
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 200; round++) {
		gx_trie *t = gx_trie_new();
		size_t nk = 1 + (seed = seed * 1103515245 + 12345) % 40, i, tl = 0, n, m, k, j;
		int ok = 1;

		for (i = 0; i < nk; i++) {
			size_t kl = 1 + (seed = seed * 1103515245 + 12345) % 5, c;

			keybuf[i][0] = '\0';
			for (c = 0; c < kl; c++)
				strcat(keybuf[i], alpha[(seed = seed * 1103515245 + 12345) % 6]);
			keys[i] = keybuf[i];
			vals[i] = (uint32_t)i;
			gx_trie_add(t, keys[i], strlen(keys[i]), vals[i]);
		}
		/* a repeated key: the last add wins, in the brute force too */
		for (i = 0; i < nk; i++)
			for (j = i + 1; j < nk; j++)
				if (strcmp(keys[i], keys[j]) == 0)
					vals[i] = vals[j];
		gx_trie_finish(t);
		while (tl < 300) {
			const char *a = alpha[(seed = seed * 1103515245 + 12345) % 7];

			memcpy(text + tl, a, strlen(a));
			tl += strlen(a);
		}
		n = gx_trie_symbolize(t, (const unsigned char *)text, tl, 400, sym, off);
		for (k = 0; k < n; k += 7) {
			/* starts in [k, k + 7) of the piece that begins at k */
			size_t starts = n - k < 7 ? n - k : 7;

			m = gx_trie_scan(t, sym + k, n - k, starts, out);
			for (i = 0, j = 0; i < starts; i++) {
				size_t p = off[k + i], bl, tlen = 0;
				uint32_t b = brute_longest(keys, vals, nk, text + p, tl - p, &bl);
				uint32_t v = gx_trie_longest(t, (const unsigned char *)text + p,
							     tl - p, &tlen);

				ok &= v == b && (b == UINT32_MAX || tlen == bl);
				if (j < m && out[j].start == i) {
					ok &=
					    out[j].value == b && off[k + i + out[j].len] - p == bl;
					j++;
				} else {
					ok &= b == UINT32_MAX;
				}
			}
			ok &= j == m;
		}
		GX_CHECK(ok);
		gx_trie_free(t);
	}
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
	GX_CHECK(gx_trie_starts(t, 0x9547)); /* 镇 */
	GX_CHECK(gx_trie_starts(t, 0x93AE)); /* 鎮 folds to 镇 */
	GX_CHECK(!gx_trie_starts(t, 'x'));
	gx_trie_free(t);

	/* an invalid surface is ignored; a repeated one takes the last value */
	t = gx_trie_new();
	gx_trie_add(t, "南\xff京", 5, 7);
	gx_trie_add(t, "南京", strlen("南京"), 1);
	gx_trie_add(t, "南京", strlen("南京"), 2);
	gx_trie_finish(t);
	GX_CHECK_INT(longest(t, "南京", &len), 2);
	GX_CHECK_INT(longest(t, "南\xff京", &len), UINT32_MAX);
	GX_CHECK_INT(gx_trie_max_len(t), 2);
	gx_trie_free(t);

	/* an empty trie matches nothing */
	t = gx_trie_new();
	gx_trie_finish(t);
	GX_CHECK_INT(longest(t, "南京", &len), UINT32_MAX);
	gx_trie_free(t);

	random_texts();
	return gx_test_done();
}
