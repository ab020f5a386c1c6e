"""The importer's gzip codec: standard gzip out, standard gzip in, typed errors on bad input."""

from __future__ import annotations

import gzip
import io

import pytest

from rewriter.importer import codec


def test_compress_is_ordinary_gzip_and_round_trips() -> None:
    data = b'{"event":"x","properties":{"a":1}}\n' * 1000
    for level in (0, 1, 6, 9):
        body = codec.compress(data, level)
        assert gzip.decompress(body) == data
        assert codec.decompress(body) == data


def test_streaming_compressor_matches_input() -> None:
    z = codec.compressobj(1)
    body = z.compress(b"a" * 100_000) + z.compress(b"b" * 10) + z.flush()
    assert gzip.decompress(body) == b"a" * 100_000 + b"b" * 10


def test_reader_reads_standard_gzip_and_rejects_truncated_input() -> None:
    data = b"line\n" * 50_000
    body = gzip.compress(data)
    assert codec.open_reader(io.BytesIO(body)).read() == data
    with pytest.raises(codec.GZIP_ERRORS):
        codec.open_reader(io.BytesIO(body[: len(body) // 2])).read()
    with pytest.raises(codec.GZIP_ERRORS):
        codec.decompress(b"not gzip at all")


def test_writer_produces_standard_gzip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.ndjson.gz"
    with codec.open_writer(path, 1) as out:
        out.write(b"abc\n" * 10)
    assert gzip.decompress(path.read_bytes()) == b"abc\n" * 10
