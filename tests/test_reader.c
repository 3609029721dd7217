/* test_reader.c — the reader: ids, JSON Lines fields, repaired UTF-8. */
#include "testutil.h"

static void jsonl_fields(void **state)
{
    (void)state;
    dyad_reader *r;
    dyad_error err, warn;
    assert_int_equal(dyad_reader_open(&r, "tests/data/reader.jsonl", DYAD_INPUT_AUTO,
                                      "2020-01-01", &err), DYAD_OK);
    dyad_doc *d;
    assert_int_equal(dyad_reader_next(r, &d, &warn, &err), DYAD_OK);
    assert_string_equal(d->id, "kyiv-1");
    assert_string_equal(d->given_date, "2022-03-01");
    assert_string_equal(d->given_title, "Talks resume");
    assert_int_equal(d->line, 1);
    dyad_doc_free(d);
    assert_int_equal(dyad_reader_next(r, &d, &warn, &err), DYAD_OK);
    assert_string_equal(d->id, "reader.jsonl:3");   /* no id: file and line */
    assert_string_equal(d->given_date, "2020-01-01"); /* --date fills in */
    dyad_doc_free(d);
    assert_int_equal(dyad_reader_next(r, &d, &warn, &err), DYAD_EOF);
    dyad_reader_close(r);
}

static void invalid_utf8_repaired(void **state)
{
    (void)state;
    dyad_reader *r;
    dyad_error err, warn;
    assert_int_equal(dyad_reader_open(&r, "tests/data/latin1.txt", DYAD_INPUT_AUTO,
                                      NULL, &err), DYAD_OK);
    dyad_doc *d;
    assert_int_equal(dyad_reader_next(r, &d, &warn, &err), DYAD_OK);
    assert_non_null(strstr(warn.msg, "invalid UTF-8"));
    assert_non_null(strstr(d->raw, "Bogot\xEF\xBF\xBD"));
    assert_string_equal(d->id, "latin1.txt");
    dyad_doc_free(d);
    dyad_reader_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_fields),
        cmocka_unit_test(invalid_utf8_repaired),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
