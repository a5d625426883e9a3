/* Dictionary loading: fields, diagnostics with file:line, templates. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "recog/lexicon.h"
#include "recog/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char diags[8192];

static void collect(gx_severity sev, const char *file, unsigned line, const char *msg, void *p)
{
	char row[1024];

	(void)p;
	(void)file;
	snprintf(row, sizeof row, "%d:%u:%s\n", (int)sev, line, msg);
	strncat(diags, row, sizeof diags - strlen(diags) - 1);
}

static const char *write_tmp(const char *content)
{
	static char path[64];
	int fd;
	FILE *fp;

	strcpy(path, "/tmp/gx-lex-XXXXXX");
	fd = mkstemp(path);
	fp = fdopen(fd, "wb");
	fputs(content, fp);
	fclose(fp);
	return path;
}

static gx_lexicon *load(const char *content, int *rc)
{
	gx_lexicon *lx;
	const char *path = write_tmp(content);

	diags[0] = '\0';
	gx_lexicon_new(&lx, collect, NULL);
	*rc = gx_lexicon_load_dict(lx, path);
	gx_lexicon_finish(lx);
	unlink(path);
	return lx;
}

static const char *entity_of(const gx_lexicon *lx, const char *surface)
{
	uint32_t c = gx_lexicon__surface(lx, surface, strlen(surface));

	return c == GX_NONE ? "(none)" : lx->ents.ptr[lx->claims.ptr[c].entity].name;
}

static void test_fields(void)
{
	int rc;
	gx_lexicon *lx = load("# comment\n\n南京大学\torg/university\t南大|南京大學\n"
			      "苏科贷\tprogramme/finance\n"
			      "镇江市\tplace/city\t镇江\tparent=江苏省;short=镇江\n"
			      "江苏省\tplace/province\t江苏\tshort=江苏\r\n",
			      &rc);

	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK_STR(diags, "");
	GX_CHECK_STR(entity_of(lx, "南大"), "南京大学");
	GX_CHECK_STR(entity_of(lx, "南京大学"), "南京大学"); /* folded key */
	GX_CHECK_STR(entity_of(lx, "苏科贷"), "苏科贷");
	GX_CHECK_STR(entity_of(lx, "江苏"), "江苏省");
	GX_CHECK_STR(lx->ents.ptr[gx_lexicon__find(lx, "镇江市", 9)].parent, "江苏省");
	GX_CHECK_INT(gx_place_province(lx, gx_lexicon__find(lx, "镇江市", 9)),
		     gx_lexicon__find(lx, "江苏省", 9));
	gx_lexicon_free(lx);
}

static void test_diagnostics(void)
{
	int rc;
	gx_lexicon *lx = load("南京大学\torg/university\t南大\n"
			      "只有一列\n"
			      "北航\tnotatype\n"
			      "南京大学\torg/university\n"
			      "东大\torg/university\t南大\n"
			      "南京大学\tplace/city\n"
			      "a\tb\tc\td\te\n"
			      "{town}局\torg/government\n"
			      "x\torg\t\tnokv\n",
			      &rc);

	GX_CHECK_INT(rc, GX_EINVAL);
	GX_CHECK(strstr(diags, "0:2:expected 2 to 4 tab-separated fields") != NULL);
	GX_CHECK(strstr(diags, "0:3:unknown type 'notatype'") != NULL);
	GX_CHECK(strstr(diags, "1:4:duplicate canonical '南京大学'") != NULL);
	GX_CHECK(strstr(diags, "2:5:surface '南大' of '东大' is already claimed by '南京大学'") !=
		 NULL);
	GX_CHECK(strstr(diags, "0:6:duplicate canonical '南京大学' with type place/city") != NULL);
	GX_CHECK(strstr(diags, "0:7:expected 2 to 4") != NULL);
	GX_CHECK(strstr(diags, "0:8:unknown placeholder") != NULL);
	GX_CHECK(strstr(diags, "0:9:attribute 'nokv' is not key=value") != NULL);
	/* the ambiguous surface keeps both claims */
	{
		uint32_t c = gx_lexicon__surface(lx, "南大", strlen("南大"));

		GX_CHECK(c != GX_NONE && lx->claims.ptr[c].next != GX_NONE);
	}
	gx_lexicon_free(lx);
}

static void test_templates(void)
{
	int rc;
	gx_lexicon *lx =
	    load("江苏省\tplace/province\t江苏\tshort=江苏\n"
		 "镇江市\tplace/city\t镇江\tparent=江苏省;short=镇江\n"
		 "无锡市\tplace/city\t无锡\tparent=江苏省;short=无锡\n"
		 "江阴市\tplace/district\t江阴\tparent=无锡市;short=江阴\n"
		 "梁溪区\tplace/district\t梁溪\tparent=无锡市\n"
		 "{city_full}科学技术局\torg/government\t市科技局|{city_full}科技局\n"
		 "{province_full}科学技术厅\torg/government\t省科技厅\n"
		 "{city_full}{district}科学技术局\torg/government\t{district}科技局|区科技局\n",
		 &rc);
	uint32_t t, zj = gx_lexicon__find(lx, "镇江市", 9), js = gx_lexicon__find(lx, "江苏省", 9);
	uint32_t wx = gx_lexicon__find(lx, "无锡市", 9), lxq = gx_lexicon__find(lx, "梁溪区", 9);

	GX_CHECK_INT(rc, GX_OK);
	GX_CHECK_STR(entity_of(lx, "镇江市科技局"), "镇江市科学技术局");
	GX_CHECK_STR(entity_of(lx, "江阴市科技局"), "江阴市科学技术局");
	GX_CHECK_STR(entity_of(lx, "梁溪区科技局"), "无锡市梁溪区科学技术局");
	GX_CHECK_STR(entity_of(lx, "江苏省科学技术厅"), "江苏省科学技术厅");
	/* the bare alias names the template, filled from a document's context */
	t = lx->claims.ptr[gx_lexicon__surface(lx, "市科技局", 12)].entity;
	GX_CHECK(lx->ents.ptr[t].flags & GX_ENT_TEMPLATE);
	GX_CHECK_STR(lx->ents.ptr[gx_template_resolve(lx, t, zj, js, GX_NONE)].name,
		     "镇江市科学技术局");
	GX_CHECK_INT(gx_template_resolve(lx, t, GX_NONE, js, GX_NONE), GX_NONE);
	t = lx->claims.ptr[gx_lexicon__surface(lx, "省科技厅", 12)].entity;
	GX_CHECK_STR(lx->ents.ptr[gx_template_resolve(lx, t, zj, js, GX_NONE)].name,
		     "江苏省科学技术厅");
	/* a district's bare alias needs the document's district, and takes its
	 * city from it, not from the document's city */
	t = lx->claims.ptr[gx_lexicon__surface(lx, "区科技局", 12)].entity;
	GX_CHECK_INT(gx_template_resolve(lx, t, wx, js, GX_NONE), GX_NONE);
	GX_CHECK_STR(lx->ents.ptr[gx_template_resolve(lx, t, GX_NONE, js, lxq)].name,
		     "无锡市梁溪区科学技术局");
	gx_lexicon_free(lx);
}

int main(void)
{
	test_fields();
	test_diagnostics();
	test_templates();
	return gx_test_done();
}
