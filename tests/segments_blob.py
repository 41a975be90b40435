# segments_blob.py
#
# Copyright 2026 The Segments developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reads the project file's packed blobs (src/libsegcore/store/sc-store-codec.c) back into
the raw little-endian arrays (or NUL-terminated texts) they stand for, for tests that look
inside a project. Written from the format, not from the C code, so it checks the format too.
"""

import struct

MAGIC, TRAILER, BLOCK = 0xB5, 0x5A, 128
MASK64 = (1 << 64) - 1


def is_packed(blob, raw_len=None):
    return (len(blob) != raw_len and len(blob) >= 5 and len(blob) % 4 == 1
            and blob[0] == MAGIC and blob[-1] == TRAILER)


class _Reader:
    def __init__(self, data, pos):
        self.data, self.pos = data, pos

    def byte(self):
        b = self.data[self.pos]
        self.pos += 1
        return b

    def varint(self):
        v, shift = 0, 0
        while True:
            b = self.byte()
            v |= (b & 0x7f) << shift
            shift += 7
            if not b & 0x80:
                return v

    def bytes(self, n):
        out = self.data[self.pos:self.pos + n]
        if len(out) != n:
            raise ValueError('packed blob cut short')
        self.pos += n
        return out


def _signed(v):
    v &= MASK64
    return v - (1 << 64) if v >= 1 << 63 else v


def _unzigzag(z):
    return (z >> 1) ^ -(z & 1)


def _ints(r, n):
    out, prev = [], 0
    for start in range(0, n, BLOCK):
        count = min(BLOCK, n - start)
        head = r.byte()
        width, delta = head & 0x7f, head & 0x80
        base = r.varint()
        bits = int.from_bytes(r.bytes((count * width + 7) // 8), 'little')
        mask = (1 << width) - 1
        for i in range(count):
            x = (bits >> (i * width)) & mask
            if delta:
                prev = _signed(prev + _unzigzag(base + x))
            else:
                prev = _signed(_unzigzag(base) + x)
            out.append(prev)
    return out


def _doubles(r, n):
    kind = r.byte()
    if kind == 0:
        return list(struct.unpack(f'<{n}d', r.bytes(8 * n)))
    decimals = r.byte()
    values = [q / 10 ** decimals for q in _ints(r, n)]
    n_exc = r.varint()
    positions, bits = _ints(r, n_exc), _ints(r, n_exc)
    for at, b in zip(positions, bits):
        values[at] = struct.unpack('<d', struct.pack('<q', b))[0]
    return values


def _texts(r, n):
    kind = r.byte()
    if kind == 0:
        return r.bytes(r.varint())
    n_stems, stems_len = r.varint(), r.varint()
    stems = r.bytes(stems_len).split(b'\0')[:n_stems]
    stem, digits, number = _ints(r, n), _ints(r, n), _ints(r, n)
    out = bytearray()
    for s, d, v in zip(stem, digits, number):
        out += stems[s]
        if d:
            out += b'%0*d' % (d, v)
        out += b'\0'
    return bytes(out)


def raw(blob, raw_len=None):
    """The raw form of a stored blob: itself when it is not packed (or is @raw_len long)."""
    blob = bytes(blob)
    if not is_packed(blob, raw_len):
        return blob
    r = _Reader(blob, 3)
    kind, elem = blob[1], blob[2]
    n = r.varint()
    if kind == ord('t'):
        out = _texts(r, n)
    elif kind == ord('d'):
        out = struct.pack(f'<{n}d', *_doubles(r, n))
    else:
        code = {1: 'B', 2: 'H', 4: 'I'}[elem]
        out = struct.pack(f'<{n}{code}', *(v & ((1 << (8 * elem)) - 1) for v in _ints(r, n)))
    if any(blob[r.pos:-1]) or len(blob) - 1 - r.pos > 7:
        raise ValueError('packed blob with trailing data')
    return out


def delta(blob, base, elem_size, n_arrays, n):
    """The raw form of a delta blob (sc-store-codec-delta.c) against the raw array @base,
    @n_arrays arrays of equally many values back to back; @n values per array."""
    blob = bytes(blob)
    if blob[0] == ord('F'):
        return raw(blob[1:], elem_size * n_arrays * n)
    if blob[0] != ord('D'):
        raise ValueError('not a delta blob')
    count, positions_len = struct.unpack('<II', blob[1:9])
    positions = raw(blob[9:9 + positions_len], 4 * count)
    values = raw(blob[9 + positions_len:], elem_size * count)
    base_n = len(base) // (elem_size * n_arrays)
    out = bytearray(elem_size * n_arrays * n)
    for a in range(n_arrays):
        kept = min(n, base_n)
        out[elem_size * a * n:elem_size * (a * n + kept)] = \
            base[elem_size * a * base_n:elem_size * (a * base_n + kept)]
    for j, at in enumerate(struct.unpack(f'<{count}I', positions)):
        out[elem_size * at:elem_size * (at + 1)] = values[elem_size * j:elem_size * (j + 1)]
    return bytes(out)
