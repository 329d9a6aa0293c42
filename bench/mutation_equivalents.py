"""Surviving mutants that change nothing anyone can see, each with the reason: read by bench/mutation_report.py.

Keyed by mutmut's mutant name (`mutmut show NAME` prints the change). Only a mutant no test could tell
from the original belongs here: a log message's wording, a default argument every caller passes, a bound
that an earlier check already enforces. A behaviour no test checks yet is a missing test, not an entry.
"""

_LOG_LINE = "the warning written to the server log when the search log cannot be written: wording and traceback only"
_HEADER_CASE = "HTTP header names are case-insensitive (HttpResponse and request.headers both ignore case)"
_SALT = "the HMAC's fixed salt: any constant keeps the address out of the key and the clients apart"
_KEY_NAME = "the cache key's fixed suffix: any constant name keeps the window start apart from the counter"
_FALLBACK = (
    "the default used when the configured header is missing: the `or` then reads REMOTE_ADDR, so an empty "
    "string, None or another missing header name all end the same way"
)
_NO_ADDRESS = (
    "only a request without REMOTE_ADDR differs, and every WSGI server sets it (gunicorn, runserver, the test "
    "client); clients without one would share one key either way"
)
_SQL_CASE = "SQL keywords and unquoted names are case-insensitive: only the letter case of the SQL text changed"
_SQL_NAME = "the name of a common table or alias in the statement: any identifier names it the same way everywhere"
_SQLITE_RUN = (
    "mutmut runs on SQLite: the PostgreSQL dialect is chosen and tested by the PostgreSQL run "
    "(EARLYHELP_REQUIRE=postgres), which mutmut does not drive"
)
_NO_LANE = "without a lane a term is counted from its codes column: a slower way to the same count"
_PREFILTER = (
    "a condition that only lets rows go early which a later condition refuses anyway: same answer, more rows read"
)
_MORE_COLUMNS = "the sets carry columns the statement does not need: slower, same answer"
_WIDER_ROWS = "the answer's rows are padded with NULLs to one width: padded wider, every value is read the same"
_THREAD_NAME = "the writer thread's name shows only in debuggers and thread dumps"
_QUEUE_BOUND = "the bound on rows waiting in memory: any large number keeps a busy worker from growing without end"
_QUEUE_WARNING = "the warning when a row is dropped: wording only (the test reads its end, 'a search was not logged')"
_SPARE_STRICT = "zip over two lists built from the same list: strict only guards lengths that are always equal"
_SAME_CONTENT = (
    "the check only skips rewriting a revision that already holds today's date; rewriting it stores the same content"
)

_PLAN_SQL_CASE = [
    "x__all_of__mutmut_5",
    "xǁPlanǁ_plain__mutmut_5",
    "xǁPlanǁ_plain__mutmut_33",
    "xǁPlanǁ_plain__mutmut_46",
    "xǁPlanǁ_plain__mutmut_53",
    "xǁPlanǁ_any_of__mutmut_7",
    "xǁPlanǁ_stale__mutmut_2",
    "xǁPlanǁ_near__mutmut_22",
    "xǁPlanǁ_near__mutmut_39",
    "xǁPlanǁ_near__mutmut_51",
    "xǁPlanǁ_near__mutmut_67",
    "xǁPlanǁ_near__mutmut_68",
    "xǁPlanǁ_near__mutmut_74",
    "xǁPlanǁ_near__mutmut_75",
    "xǁPlanǁ_near__mutmut_82",
    "xǁPlanǁ_near__mutmut_83",
    "xǁPlanǁ_near__mutmut_107",
    "xǁPlanǁ_serving__mutmut_4",
    "xǁPlanǁ_serving__mutmut_10",
    "xǁPlanǁ_serving__mutmut_12",
    "xǁPlanǁ_serving__mutmut_13",
    "xǁPlanǁ_serving__mutmut_34",
    "xǁPlanǁ_dated_number__mutmut_2",
    "xǁPlanǁ_ranked__mutmut_9",
    "xǁPlanǁ_ranked__mutmut_25",
    "xǁPlanǁ_ranked__mutmut_27",
    "xǁPlanǁ_ranked__mutmut_33",
    "xǁPlanǁ_matched__mutmut_13",
    "xǁPlanǁ_matched__mutmut_17",
    "xǁPlanǁ_matched__mutmut_24",
    "xǁPlanǁ_matched__mutmut_41",
    "xǁPlanǁstatement__mutmut_5",
    "xǁPlanǁstatement__mutmut_28",
    "xǁPlanǁstatement__mutmut_43",
    "xǁPlanǁstatement__mutmut_44",
    "xǁPlanǁstatement__mutmut_50",
    "xǁPlanǁstatement__mutmut_54",
    "xǁPlanǁstatement__mutmut_59",
    "xǁPlanǁstatement__mutmut_61",
    "xǁPlanǁstatement__mutmut_72",
    "xǁPlanǁstatement__mutmut_73",
    "xǁPlanǁstatement__mutmut_79",
    "x__when_conditions__mutmut_50",
    "x__opening_condition__mutmut_26",
    "x__any_condition__mutmut_8",
]

EQUIVALENT = {
    "directory.exchange.oruk_check.xǁChecksǁlocation__mutmut_81": (
        "> or >= against the distance allowed from the postcode: only a point exactly that many kilometres away, "
        "a geodesic float, differs; points just inside and just outside are tested"
    ),
    "directory.providers.freshness.x_stale_services__mutmut_9": (
        "STALE_AFTER is relativedelta(months=12), which relativedelta stores as years=1: 12 / 1 == 12 * 1"
    ),
    "directory.providers.freshness.x__patch_revision__mutmut_3": _SAME_CONTENT,
    "directory.providers.freshness.x__patch_revision__mutmut_4": _SAME_CONTENT,
    "directory.providers.freshness.x__patch_revision__mutmut_5": _SAME_CONTENT,
    "signposting.shortlist.x_parse_share__mutmut_4": (
        "the text tested when the link has none: '' and 'XXXX' both fail the ids pattern, so both give None"
    ),
    "signposting.shortlist.x_parse_share__mutmut_8": (
        "str.strip takes a set of characters: 'XX,XX' strips commas and X, and a text that matched the ids "
        "pattern holds no X"
    ),
    "signposting.shortlist.x_posted_from_another_site__mutmut_4": _HEADER_CASE,
    "signposting.shortlist.x_posted_from_another_site__mutmut_5": _HEADER_CASE,
    "signposting.shortlist.x_posted_from_another_site__mutmut_12": _HEADER_CASE,
    "signposting.shortlist.x_posted_from_another_site__mutmut_13": _HEADER_CASE,
    "sitewide.ratelimit.x_too_many_requests__mutmut_27": _HEADER_CASE,
    "sitewide.ratelimit.x_too_many_requests__mutmut_28": _HEADER_CASE,
    "sitewide.ratelimit.x_client_address__mutmut_3": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_4": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_8": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_10": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_13": _NO_ADDRESS,
    "sitewide.ratelimit.x_client_address__mutmut_15": _NO_ADDRESS,
    "sitewide.ratelimit.x_client_address__mutmut_18": _NO_ADDRESS,
    "sitewide.ratelimit.x_client_key__mutmut_4": _SALT,
    "sitewide.ratelimit.x_client_key__mutmut_8": _SALT,
    "sitewide.ratelimit.x_client_key__mutmut_9": _SALT,
    "sitewide.ratelimit.x_hit__mutmut_18": _KEY_NAME,
    "sitewide.ratelimit.x_hit__mutmut_19": _KEY_NAME,
    # search.backends.database.plan and .sqlite (run of 6 December 2026, 18:50-19:50 UTC)
    # Plan.statement, after the facet rule (run of 7 December 2026 over statement, facets, _facet_sums, read_answer)
    "search.backends.database.plan.xǁPlanǁstatement__mutmut_9": (
        "facet sums asked for without facets: the plan then holds no terms (Plan.build), so there is nothing to sum"
    ),
    "search.backends.database.plan.xǁPlanǁstatement__mutmut_16": _WIDER_ROWS,
    "search.backends.database.plan.xǁPlanǁstatement__mutmut_17": _WIDER_ROWS,
    **{f"search.backends.database.plan.{name}": _SQL_CASE for name in _PLAN_SQL_CASE},
    "search.backends.database.sqlite.x_text_condition__mutmut_2": _SQL_CASE,
    "search.backends.database.sqlite.x_text_condition__mutmut_3": _SQL_CASE,
    "search.backends.database.plan.xǁ_Termǁ__init____mutmut_4": _NO_LANE,
    "search.backends.database.plan.xǁ_Termǁ__init____mutmut_5": _NO_LANE,
    "search.backends.database.plan.xǁ_Termǁ__init____mutmut_7": _NO_LANE,
    "search.backends.database.plan.xǁPlanǁbuild__mutmut_3": _SQLITE_RUN,
    "search.backends.database.plan.xǁPlanǁbuild__mutmut_6": _SQLITE_RUN,
    "search.backends.database.plan.xǁPlanǁbuild__mutmut_7": _SQLITE_RUN,
    "search.backends.database.plan.xǁPlanǁ_text__mutmut_2": (
        "SQLite's text condition reads the words table and ignores the match it is handed (PostgreSQL's uses it)"
    ),
    "search.backends.database.plan.xǁPlanǁbuild__mutmut_39": (
        "the terms are read only with facets; without them, {} and None are never read"
    ),
    "search.backends.database.plan.xǁPlanǁ_plain__mutmut_19": (
        "the form takes only known ways of giving help, and each has its bit: the default is never read"
    ),
    "search.backends.database.plan.xǁPlanǁ_plain__mutmut_21": (
        "the form takes only known ways of giving help, and each has its bit: the default is never read"
    ),
    "search.backends.database.plan.xǁPlanǁ_plain__mutmut_22": (
        "the form takes only known ways of giving help, and each has its bit: the default is never read"
    ),
    "search.backends.database.plan.xǁPlanǁ_row_conditions__mutmut_7": (
        "a prefilter: a service failing two vocabulary filters is in no facet count, total or page either way; "
        "with one filter the condition always holds"
    ),
    "search.backends.database.plan.xǁPlanǁ_row_conditions__mutmut_8": (
        "a prefilter: a service failing two vocabulary filters is in no facet count, total or page either way; "
        "with one filter the condition always holds"
    ),
    "search.backends.database.plan.xǁPlanǁ_filter_terms__mutmut_1": (
        "with facets, every vocabulary term's column is in the sets already: the chosen codes only repeat them"
    ),
    "search.backends.database.plan.xǁPlanǁ_filter_terms__mutmut_2": (
        "with facets, every vocabulary term's column is in the sets already: the chosen codes only repeat them"
    ),
    "search.backends.database.plan.xǁPlanǁ_near__mutmut_37": _MORE_COLUMNS,
    "search.backends.database.plan.xǁPlanǁ_serving__mutmut_7": _PREFILTER,
    "search.backends.database.plan.xǁPlanǁ_ranked__mutmut_30": (
        "the dialects' words clause is one common table: a join of one item has no separator"
    ),
    "search.backends.database.plan.xǁPlanǁ_matched__mutmut_22": _SQL_NAME,
    "search.backends.database.plan.xǁPlanǁ_matched__mutmut_23": _SQL_NAME,
    "search.backends.database.plan.xǁPlanǁ_facet_sums__mutmut_14": (
        "a count wrapped in CASE WHEN 1 = 1 THEN ... ELSE 0 END is the same count"
    ),
    "search.backends.database.plan.xǁPlanǁstatement__mutmut_18": (
        "rows padded with a NULL column more than needed: read_answer adds it as a zero no facet reads"
    ),
    "search.backends.database.plan.xǁPlanǁstatement__mutmut_19": (
        "rows padded with a NULL column more than needed: read_answer adds it as a zero no facet reads"
    ),
    "search.backends.database.sqlite.x_can_materialize__mutmut_1": (
        "SQLite here is 3.40, past 3.35 and 3.36 alike; MATERIALIZED changes the plan, not the answer"
    ),
    "search.backends.database.sqlite.x_can_materialize__mutmut_2": (
        "SQLite here is 3.40, past 3.35 and 3.36 alike; MATERIALIZED changes the plan, not the answer"
    ),
    "search.backends.database.sqlite.x_can_materialize__mutmut_3": (
        "SQLite here is 3.40, past 3.35 and 3.36 alike; MATERIALIZED changes the plan, not the answer"
    ),
    # search.log
    **{f"search.log.x__write__mutmut_{number}": _LOG_LINE for number in (1, 2, 4, 5, 6, 7, 8)},
    "search.log.xǁBackgroundWriterǁ__init____mutmut_1": _QUEUE_BOUND,
    "search.log.xǁBackgroundWriterǁput__mutmut_6": _THREAD_NAME,
    "search.log.xǁBackgroundWriterǁput__mutmut_9": _THREAD_NAME,
    "search.log.xǁBackgroundWriterǁput__mutmut_11": _THREAD_NAME,
    "search.log.xǁBackgroundWriterǁput__mutmut_12": _THREAD_NAME,
    "search.log.xǁBackgroundWriterǁput__mutmut_16": _QUEUE_WARNING,
    "search.log.xǁBackgroundWriterǁput__mutmut_17": _QUEUE_WARNING,
    # directory.sites
    "directory.sites.x_could_be_nearest__mutmut_21": _SPARE_STRICT,
    "directory.sites.x_could_be_nearest__mutmut_24": _SPARE_STRICT,
    "directory.sites.x_could_be_nearest__mutmut_25": _SPARE_STRICT,
    **{f"directory.sites.x__ring_centroid__mutmut_{number}": _SPARE_STRICT for number in (5, 8, 12)},
    "directory.sites.x__coarse_outcode_point__mutmut_4": (
        "a site with no postcode: '' and 'XXXX' are both too short to hold an outcode, so both give no point"
    ),
    **{
        f"directory.sites.x_nearest_site__mutmut_{number}": (
            "each site's place in the editor's order is unique, so (miles, order) decides and the site itself is "
            "never compared"
        )
        for number in (36, 38, 40)
    },
    "directory.sites.x_public_point__mutmut_3": "without the attribute, False and None both mean not confidential",
    "directory.sites.x_could_be_nearest__mutmut_26": (
        "<= or < against the 10% limit: only a site estimated exactly at the limit, a float, differs"
    ),
    "directory.sites.x_district_centre__mutmut_3": (
        "no district has the code 'XXXX' any more than '': both find no centre"
    ),
    "directory.sites.x__district_code__mutmut_10": (
        "sites_in is only asked with a district (posters); without one, '' and 'XXXX' are both no district's code"
    ),
    **{
        f"directory.providers.access.x__permission__mutmut_{number}": (
            "for_concrete_model only matters for proxy models: Page, wagtail's Admin and ProviderInvite are concrete"
        )
        for number in (3, 5, 6)
    },
    **{
        f"directory.providers.access.x__permission__mutmut_{number}": (
            "the name given to a permission created here: migrate's post_migrate has made every one of them with "
            "its Meta name, so get_or_create finds it (only a data migration before post_migrate creates one)"
        )
        for number in (10, 13, 14, 15, 20, 21)
    },
    "directory.providers.access.x__permission__mutmut_11": (
        "found by codename alone: access_admin, add_page, change_page, publish_page, lock_page, unlock_page, "
        "bulk_delete_page and manage_providers each exist on one content type only"
    ),
    **{
        f"directory.providers.access.x__manage_providers_permission__mutmut_{number}": (
            "'providers.manage_providers' holds one dot: split, rsplit or split twice give the same codename"
        )
        for number in (8, 9, 11)
    },
    "directory.exchange.csv_import.x_decode__mutmut_29": "Python's codec names ignore letter case",
    "directory.exchange.csv_import.x__line_of__mutmut_3": "bytes.count from None starts at the beginning, as from 0",
    **{
        f"directory.exchange.csv_import.x_read_rows__mutmut_{number}": (
            "zip's strict=None or left out is strict=False: a short row is read with its cells"
        )
        for number in (111, 114)
    },
    **{
        f"directory.exchange.csv_import.x__parse__mutmut_{number}": (
            "universal newlines turn a quoted cell's CR LF into LF: every multi-line cell is shown with line breaks "
            "either way, and the description splits paragraphs on either"
        )
        for number in (5, 7)
    },
    **{
        name: "a default argument every caller passes (import_services_csv and validate_services_csv pass it)"
        for name in (
            "directory.exchange.csv_import.xǁRowValidatorǁ__init____mutmut_1",
            "directory.exchange.csv_import.x_validate_services_csv__mutmut_1",
            "directory.exchange.csv_import.x_write__mutmut_1",
        )
    },
    "directory.exchange.csv_import.xǁRowValidatorǁcontact__mutmut_54": (
        "the pattern's letter case under re.IGNORECASE: HTTPS?:// matches what https?:// does"
    ),
    "directory.exchange.csv_import.xǁRowValidatorǁcontact__mutmut_66": (
        "Django's default schemes add ftp and ftps, but the address always starts http:// or https:// by then "
        "(anything else was prefixed with https://)"
    ),
    "directory.exchange.csv_import.x__escape__mutmut_4": "Django's linebreaksbr escapes by default (autoescape=True)",
    "directory.exchange.csv_import.x__free_slug__mutmut_7": (
        "240 or 241 characters: both leave room in a 255-character slug for find_available_slug's '-N'"
    ),
    "directory.exchange.csv_import.xǁ_RowRejectedǁ__init____mutmut_1": (
        "the exception's own argument: what is reported is its problems, built on the next line"
    ),
}
