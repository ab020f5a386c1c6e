"""Operations: what an SDK call means, independent of the language it is written in.

``ir`` holds the typed operations and values, ``profiles`` the per-SDK data (``sdks/*.yaml``),
``semantics`` the one place where vendor rules live (``translate``). Readers (per language) turn
matched syntax into operations; printers (per language) turn translated operations into text.
"""
