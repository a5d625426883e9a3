/* Sentence units (ANNOTATION.md "Co-occurrence units"). */
#include "harness.h"
#include "text/segment.h"

#include <string.h>

/* Returns the units of `s` as "text|text|…" for easy comparison. */
static const char *units(const char *s)
{
	static char out[4096];
	gx_span_vec v = {0};
	size_t i;

	out[0] = '\0';
	gx_segment(s, strlen(s), &v);
	for (i = 0; i < v.len; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, s + v.ptr[i].start, v.ptr[i].end - v.ptr[i].start);
	}
	GX_VEC_FREE(&v);
	return out;
}

int main(void)
{
	GX_CHECK_STR(units("甲。乙！丙？丁；戊"), "甲。|乙！|丙？|丁；|戊");
	GX_CHECK_STR(units("a!b?c;d"), "a!|b?|c;|d");
	/* closing quotes stay with their sentence */
	GX_CHECK_STR(units("他说：“好。”然后走了。"), "他说：“好。”|然后走了。");
	/* a short line is a heading of its own */
	GX_CHECK_STR(units("市科技局\n\n服务创新主阵地打造发展主引擎\n正文。"),
		     "市科技局|服务创新主阵地打造发展主引擎|正文。");
	/* a long line without a final mark continues across a blank line (seed 004) */
	GX_CHECK_STR(units("今年以来全市各地纷纷掀起打造创新生态的热潮，努力打造“如\n\n鱼得水、如鸟"
			   "归林”创新生态新高潮，交出答卷。"),
		     "今年以来全市各地纷纷掀起打造创新生态的热潮，努力打造“如\n\n鱼得水、如鸟归林”"
		     "创新生态新高潮，交出答卷。");
	/* leading whitespace is not part of a unit */
	GX_CHECK_STR(units("  \u3000甲。"), "甲。");
	/* a line that ends with a mark and closers ends its unit; so does a
	 * line of exactly 25 characters, not one of 26 (runs of ideographs
	 * are counted whole, spaces inside a line too) */
	GX_CHECK_STR(units("甲说“好。”\n乙"), "甲说“好。”|乙");
	GX_CHECK_STR(units("一二三四五六七八九十一二三四五六七八九十一二 四五\n乙"),
		     "一二三四五六七八九十一二三四五六七八九十一二 四五|乙");
	GX_CHECK_STR(units("一二三四五六七八九十一二三四五六七八九十一二三 四五\n乙"),
		     "一二三四五六七八九十一二三四五六七八九十一二三 四五\n乙");
	GX_CHECK_STR(units("  一二三  \n乙"), "一二三  |乙");
	GX_CHECK_STR(units("甲”\n乙"), "甲”|乙"); /* short: a heading */
	GX_CHECK_STR(units(""), "");
	GX_CHECK_STR(units("\n\n  \n"), "");
	/* the unit a byte falls in */
	{
		gx_span_vec v = {0};
		const char *s = "甲。乙。";

		gx_segment(s, strlen(s), &v);
		GX_CHECK_INT(v.len, 2);
		GX_CHECK_INT(gx_segment_find(&v, 0), 0);
		GX_CHECK_INT(gx_segment_find(&v, 6), 1);
		GX_CHECK_INT(gx_segment_find(&v, 12), 2);
		GX_VEC_FREE(&v);
	}
	return gx_test_done();
}
