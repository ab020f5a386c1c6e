"""Registry of named transforms that rule packs may call (``transform: <name>``)."""

from __future__ import annotations

from rewriter.transforms import py_identify, py_init, py_lifecycle, py_track
from rewriter.transforms.base import Review, Rewrite, Transform, TransformContext, TransformResult
from rewriter.transforms.js_identify import (
    group_identify_to_mixpanel,
    group_ops_to_amplitude,
    identify_to_people,
    people_to_identify,
)
from rewriter.transforms.js_init import init_to_amplitude, init_to_mixpanel
from rewriter.transforms.js_node_track import node_track_to_amplitude, node_track_to_mixpanel

TRANSFORMS: dict[str, Transform] = {
    "js_identify_to_people": identify_to_people,
    "js_people_to_identify": people_to_identify,
    "js_group_identify_to_mixpanel": group_identify_to_mixpanel,
    "js_group_to_amplitude": group_ops_to_amplitude,
    "js_init_to_mixpanel": init_to_mixpanel,
    "js_init_to_amplitude": init_to_amplitude,
    "js_node_track_to_mixpanel": node_track_to_mixpanel,
    "js_node_track_to_amplitude": node_track_to_amplitude,
    "py_init_to_mixpanel": py_init.init_to_mixpanel,
    "py_init_to_amplitude": py_init.init_to_amplitude,
    "py_track_to_mixpanel": py_track.track_to_mixpanel,
    "py_track_to_amplitude": py_track.track_to_amplitude,
    "py_import_data_to_amplitude": py_track.import_data_to_amplitude,
    "py_identify_to_people": py_identify.identify_to_people,
    "py_people_to_identify": py_identify.people_to_identify,
    "py_set_group_to_mixpanel": py_identify.set_group_to_mixpanel,
    "py_group_identify_to_mixpanel": py_identify.group_identify_to_mixpanel,
    "py_group_to_amplitude": py_identify.group_to_amplitude,
    "py_drop_flush": py_lifecycle.drop_flush,
    "py_consumer_flush_to_amplitude": py_lifecycle.consumer_flush_to_amplitude,
}

__all__ = ["TRANSFORMS", "Review", "Rewrite", "Transform", "TransformContext", "TransformResult"]
