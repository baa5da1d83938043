#!/usr/bin/env python3
"""Points an ELF file's requirements of glibc symbol versions this host lacks at the base version.

Usage: retarget-versions.py IN OUT VERSION...

The dynamic loader refuses to start a program that requires a symbol version its libc does not define,
even when the symbols of that version are weak or are supplied by a preloaded library. This rewrites
each named version's Vernaux entry (hash and name) to the base version GLIBC_2.2.5 that every x86-64
glibc defines, so the loader starts the program; the symbols are then bound by name: the preloaded
glibc-compat.so supplies the strong ones, the weak ones (pidfd_spawnp, pidfd_getpid) stay unbound,
which Rust's standard library handles by falling back to fork/exec. Only those Vernaux fields change.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
BASE = b"GLIBC_2.2.5"


def main(src, dst, versions):
    data = bytearray(open(src, "rb").read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"{src}: not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    wanted = {v.encode() for v in versions}
    weakened = set()
    for _name, sh_type, _flags, _addr, offset, _size, link, info, _align, _entsize in sections:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][4]
        need = offset
        for _ in range(info):
            _version, cnt, _file, aux, nxt = struct.unpack_from("<HHIII", data, need)
            entries = []
            entry = need + aux
            for _ in range(cnt):
                vna_hash, _flags, _other, name, anext = struct.unpack_from("<IHHII", data, entry)
                start = strtab + name
                entries.append((entry, bytes(data[start : data.index(0, start)]), vna_hash, name))
                entry += anext
            base = [(h, n) for _e, label, h, n in entries if label == BASE]
            for entry, label, _h, _n in entries:
                if label in wanted:
                    if not base:
                        sys.exit(f"{src}: {label.decode()} is required from a library that has no {BASE.decode()}")
                    struct.pack_into("<I", data, entry, base[0][0])
                    struct.pack_into("<I", data, entry + 8, base[0][1])
                    weakened.add(label)
            need += nxt
    missing = wanted - weakened
    if missing:
        sys.exit(f"{src}: no required version named {', '.join(sorted(m.decode() for m in missing))}")
    open(dst, "wb").write(data)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
