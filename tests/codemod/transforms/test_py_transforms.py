"""Python transforms, one behaviour per test: init, track, identify, groups, flush (both directions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_pack

ROOT = Path(__file__).resolve().parents[3]
AMP = "from amplitude import Amplitude, BaseEvent, Config, EventOptions, Identify\nc = Amplitude('K')\n"
MP = "from mixpanel import BufferedConsumer, Consumer, Mixpanel\nmp = Mixpanel('T')\n"


@pytest.fixture(scope="module")
def a2m() -> list[RulePack]:
    return [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-python.yaml")]


@pytest.fixture(scope="module")
def m2a() -> list[RulePack]:
    return [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-python.yaml")]


def run(code: str, packs: list[RulePack]) -> FileResult:
    res = rewrite_source("t.py", code.encode(), packs)
    assert res.status != "error", res.error
    return res


def body(code: str, packs: list[RulePack]) -> str:
    """The rewritten text after the two header lines (import + client)."""
    res = run(code, packs)
    text = res.rewritten if res.status == "changed" else code
    return "".join(text.splitlines(keepends=True)[2:])  # type: ignore[union-attr]


def reviews(code: str, packs: list[RulePack]) -> list[str]:
    return [r.message for r in run(code, packs).review]


# -- Amplitude → Mixpanel: init ------------------------------------------------------------------
def test_init_literal_key_becomes_placeholder(a2m: list[RulePack]) -> None:
    res = run('from amplitude import Amplitude\nclient = Amplitude("0123abcd")\n', a2m)
    assert res.rewritten == 'from mixpanel import Mixpanel\nclient = Mixpanel("YOUR_MIXPANEL_PROJECT_TOKEN")\n'
    assert "placeholder" in (res.changes[0].note or "")


def test_init_settings_credential_is_read_under_the_target_name(a2m: list[RulePack]) -> None:
    res = run("from amplitude import Amplitude\nclient = Amplitude(settings.AMPLITUDE_API_KEY)\n", a2m)
    assert res.rewritten == "from mixpanel import Mixpanel\nclient = Mixpanel(settings.MIXPANEL_TOKEN)\n"
    assert "MIXPANEL_TOKEN" in (res.changes[0].note or "")


def test_init_settings_credential_without_vendor_name_stays(a2m: list[RulePack]) -> None:
    res = run("from amplitude import Amplitude\nclient = Amplitude(settings.KEY)\n", a2m)
    assert res.rewritten == "from mixpanel import Mixpanel\nclient = Mixpanel(settings.KEY)\n"
    assert "settings.KEY" not in (res.changes[0].note or "") and "KEY" in (res.changes[0].note or "")


def test_init_eu_inline_config(a2m: list[RulePack]) -> None:
    res = run("from amplitude import Amplitude, Config\nc = Amplitude('K', Config(server_zone='EU'))\n", a2m)
    assert res.rewritten == (
        "from mixpanel import Consumer, Mixpanel\nc = Mixpanel('YOUR_MIXPANEL_PROJECT_TOKEN', "
        "consumer=Consumer(api_host='api-eu.mixpanel.com'))\n"
    )


def test_init_computed_config_is_review(a2m: list[RulePack]) -> None:
    assert any("computed configuration" in m for m in reviews("from amplitude import Amplitude\nc = Amplitude('K', make())\n", a2m))


def test_init_custom_server_url_is_review(a2m: list[RulePack]) -> None:
    msgs = reviews("from amplitude import Amplitude, Config\nc = Amplitude('K', Config(server_url='https://x'))\n", a2m)
    assert any("server_url" in m for m in msgs)


# -- track ---------------------------------------------------------------------------------------
def test_track_user_and_device(a2m: list[RulePack]) -> None:
    code = AMP + "c.track(BaseEvent(event_type='E', user_id=u, device_id=d, event_properties={'a': 1}))\n"
    assert body(code, a2m) == "c.track(u, 'E', {'a': 1, '$device_id': d})\n"


def test_track_insert_id_into_variable_props(a2m: list[RulePack]) -> None:
    code = AMP + "c.track(BaseEvent(event_type='E', user_id=u, event_properties=p, insert_id=i))\n"
    assert body(code, a2m) == "c.track(u, 'E', {**p, '$insert_id': i})\n"


def test_track_without_identity_is_review(a2m: list[RulePack]) -> None:
    assert any("distinct_id" in m for m in reviews(AMP + "c.track(BaseEvent(event_type='E'))\n", a2m))


def test_track_user_properties_is_review(a2m: list[RulePack]) -> None:
    msgs = reviews(AMP + "c.track(BaseEvent(event_type='E', user_id=u, user_properties={'a': 1}))\n", a2m)
    assert any("user_properties" in m for m in msgs)


def test_track_event_keyword_argument(a2m: list[RulePack]) -> None:
    assert body(AMP + "c.track(event=BaseEvent('E', u))\n", a2m) == "c.track(u, 'E')\n"


def test_track_result_used_is_review(a2m: list[RulePack]) -> None:
    msgs = reviews(AMP + "c.track(BaseEvent('E', u)).result()\n", a2m)
    assert any("result is used" in m for m in msgs)


# -- identify ------------------------------------------------------------------------------------
def test_identify_one_call_per_kind(a2m: list[RulePack]) -> None:
    code = AMP + "def f(u):\n    c.identify(Identify().set('a', 1).set('b', 2).unset('x').remove('t', 'v'), EventOptions(user_id=u))\n"
    assert body(code, a2m) == (
        "def f(u):\n    c.people_set(u, {'a': 1, 'b': 2})\n    c.people_unset(u, ['x'])\n    c.people_remove(u, {'t': 'v'})\n"
    )


def test_identify_keyword_spelling(a2m: list[RulePack]) -> None:
    code = AMP + "c.identify(event_options=EventOptions(user_id=u), identify_obj=Identify().set_once('a', 1))\n"
    assert body(code, a2m) == "c.people_set_once(u, {'a': 1})\n"


def test_identify_in_expression_with_several_kinds_is_review(a2m: list[RulePack]) -> None:
    code = AMP + "x = [c.identify(Identify().set('a', 1).add('n', 1), EventOptions(user_id=u))]\n"
    assert any("several statements" in m for m in reviews(code, a2m))


def test_identify_device_only_note(a2m: list[RulePack]) -> None:
    res = run(AMP + "c.identify(Identify().set('a', 1), EventOptions(device_id=d))\n", a2m)
    assert "c.people_set(d, {'a': 1})" in (res.rewritten or "")
    assert any("device id" in (ch.note or "") for ch in res.changes)


def test_identify_missing_options_is_review(a2m: list[RulePack]) -> None:
    assert any("EventOptions" in m for m in reviews(AMP + "c.identify(Identify().set('a', 1), None)\n", a2m))


def test_identify_with_clear_all_is_review(a2m: list[RulePack]) -> None:
    assert any("clear_all" in m for m in reviews(AMP + "c.identify(Identify().clear_all(), EventOptions(user_id=u))\n", a2m))


# -- groups and flush ------------------------------------------------------------------------------
def test_set_group(a2m: list[RulePack]) -> None:
    assert body(AMP + "c.set_group('org', o, EventOptions(user_id=u))\n", a2m) == "c.people_set(u, {'org': o})\n"


def test_group_identify_union_literal(a2m: list[RulePack]) -> None:
    code = AMP + "c.group_identify('org', o, Identify().post_insert('tags', 'x'))\n"
    assert body(code, a2m) == "c.group_union('org', o, {'tags': ['x']})\n"


def test_flush_alone_in_block_becomes_pass(a2m: list[RulePack]) -> None:
    assert body(AMP + "def close():\n    c.shutdown()\n", a2m) == "def close():\n    pass\n"


# -- Mixpanel → Amplitude ------------------------------------------------------------------------
def test_m2a_init_eu_consumer_variable(m2a: list[RulePack]) -> None:
    code = "from mixpanel import Consumer, Mixpanel\nconsumer = Consumer(api_host='api-eu.mixpanel.com')\nmp = Mixpanel('T', consumer=consumer)\n"
    res = run(code, m2a)
    assert res.rewritten == "from amplitude import Amplitude, Config\nmp = Amplitude('YOUR_AMPLITUDE_API_KEY', Config(server_zone='EU'))\n"


def test_m2a_init_custom_host_is_review(m2a: list[RulePack]) -> None:
    code = "from mixpanel import Consumer, Mixpanel\nmp = Mixpanel('T', consumer=Consumer(api_host='proxy.example.com'))\n"
    assert any("custom Mixpanel host" in m for m in reviews(code, m2a))


def test_m2a_track_time_moves_to_ms(m2a: list[RulePack]) -> None:
    code = MP + "mp.track(u, 'E', {'time': ts, 'a': 1})\n"
    assert body(code, m2a) == "mp.track(BaseEvent(event_type='E', user_id=u, event_properties={'a': 1}, time=int(ts * 1000)))\n"


def test_m2a_people_increment(m2a: list[RulePack]) -> None:
    assert body(MP + "mp.people_increment(u, {'n': 2})\n", m2a) == "mp.identify(Identify().add('n', 2), EventOptions(user_id=u))\n"


def test_m2a_people_keyword_spelling(m2a: list[RulePack]) -> None:
    code = MP + "mp.people_set(properties={'a': 1}, distinct_id=u)\n"
    assert body(code, m2a) == "mp.identify(Identify().set('a', 1), EventOptions(user_id=u))\n"


def test_m2a_people_meta_is_review(m2a: list[RulePack]) -> None:
    assert any("meta" in m for m in reviews(MP + "mp.people_set(u, {'a': 1}, meta={'$ip': 0})\n", m2a))


def test_m2a_group_remove(m2a: list[RulePack]) -> None:
    code = MP + "mp.group_remove('org', o, {'tags': 'x'})\n"
    assert body(code, m2a) == "mp.group_identify('org', o, Identify().remove('tags', 'x'))\n"


def test_m2a_import_data_expression_timestamp(m2a: list[RulePack]) -> None:
    code = MP + "mp.import_data('K', u, 'E', t + 60)\n"
    assert body(code, m2a) == "mp.track(BaseEvent(event_type='E', user_id=u, time=int((t + 60) * 1000)))\n"


def test_m2a_consumer_flush_ambiguous_is_review(m2a: list[RulePack]) -> None:
    code = MP + "other = Mixpanel('T2')\nconsumer = BufferedConsumer()\nconsumer.flush()\n"
    assert any("which client" in m for m in reviews(code, m2a))
