"""Registry of named transforms that rule packs may call (``transform: <name>``)."""

from __future__ import annotations

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
}

__all__ = ["TRANSFORMS", "Review", "Rewrite", "Transform", "TransformContext", "TransformResult"]
