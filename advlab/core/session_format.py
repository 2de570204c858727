"""The session file: saving and loading a `SessionState` (`advlab.core.results`).

A session file is one zip: ``manifest.json`` (format name, version and every
scalar) plus one ``.npy`` entry per array, written with ``allow_pickle=False``.
It is written to a temporary file beside the target and moved into place with
`os.replace`, so a crash mid-write never leaves a broken file. Loading treats the
file as untrusted: no pickles, checked sizes, dtypes and shapes, and every problem
is a `SessionError` whose message says what is wrong and what to do.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from advlab.core.errors import SessionError
from advlab.core.labels import NUM_CLASSES
from advlab.core.results import AttackRecord, SessionState

#: The ``format`` written into every manifest.
SESSION_FORMAT = "advlab-session"
#: The newest session version this code writes and reads.
SESSION_VERSION = 1
#: Files larger than this (bytes) are refused before reading.
MAX_SESSION_BYTES = 2 * 1024**3
#: The arrays a session's results use may not add up to more than this once decoded
#: (bytes; an entry used in several places counts each time, although it is decoded once).
MAX_DECODED_BYTES = 2 * 1024**3
#: ``manifest.json`` may not inflate to more than this (bytes); reading stops there.
MAX_MANIFEST_BYTES = 32 * 1024**2
#: The unpacked entries of one file may not add up to more than this (bytes).
MAX_UNPACKED_BYTES = MAX_DECODED_BYTES + MAX_MANIFEST_BYTES
#: Lists and objects in the manifest nest at most this deep (the lab writes 5 levels).
MAX_JSON_DEPTH = 32
#: Any text in the manifest (names, labels, ids) is at most this many characters.
MAX_TEXT = 4096
#: At most this many trajectory entries per result.
MAX_TRAJECTORY = 10_000
#: Whole numbers in a session stay within ±this (steps, queries, indices, seeds).
MAX_WHOLE = 2**53
#: At most this many results in one session.
MAX_RECORDS = 10_000
#: At most this many playback frames per result.
MAX_FRAMES_PER_RECORD = 1_000
#: Images in a session are at most this many pixels high or wide.
MAX_SIDE = 8192

_MANIFEST = "manifest.json"


# -- saving -------------------------------------------------------------------------------
_RECORD_SCALARS: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "image_name": (str,),
    "model": (str,),
    "model_title": (str,),
    "attack": (str,),
    "attack_title": (str,),
    "target_label": (str,),
    "clean_index": (int,),
    "clean_label": (str,),
    "clean_prob": (float,),
    "adv_index": (int,),
    "adv_label": (str,),
    "adv_prob": (float,),
    "success": (bool,),
    "success_step": (int,),
    "steps_used": (int,),
    "queries": (int,),
    "seconds": (float,),
    "cancelled": (bool,),
    "created": (float,),
}


def _plain_json(value: Any) -> Any:
    """``value`` with numpy scalars turned into Python ones, so json can write it."""
    if isinstance(value, dict):
        return {str(k): _plain_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_json(v) for v in value]
    return value.item() if isinstance(value, np.generic) else value


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def _scalar_for_json(name: str, value: Any, kinds: tuple[type, ...]) -> Any:
    """Plain Python scalars (numpy ones converted) of the expected kind."""
    if isinstance(value, np.generic):
        value = value.item()
    if bool in kinds:
        if not isinstance(value, bool):
            raise SessionError(
                "Cannot save: the result's {name} is {value!r}, not true/false.",
                name=name, value=value
            )
        return value
    if int in kinds:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SessionError(
                "Cannot save: the result's {name} is {value!r}, not a whole number.",
                name=name, value=value
            )
        return value
    if float in kinds:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SessionError(
                "Cannot save: the result's {name} is {value!r}, not a number.",
                name=name, value=value
            )
        return float(value)
    if not isinstance(value, str):
        raise SessionError(
            "Cannot save: the result's {name} is {value!r}, not text.",
            name=name, value=value
        )
    return value


class _Entries(dict):
    """The .npy entries of a session being saved: an array object used in several places is
    written once and referenced from each (as `load_session` shares it again)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[int, str] = {}
        self.decoded = 0  # bytes of every reference, as `_Reader` counts them

    def add(self, name: str, array: np.ndarray) -> str:
        self.decoded += array.nbytes
        if self.decoded > MAX_DECODED_BYTES:
            raise SessionError(
                "Cannot save: the results' images add up to more than {limit} GB, more than "
                "the lab opens again. Delete some results and save again.",
                limit=MAX_DECODED_BYTES // 1024**3
            )
        if id(array) not in self.names:
            self.names[id(array)] = name
            self[name] = _npy_bytes(array)
        return self.names[id(array)]


def _record_manifest(record: AttackRecord, number: int, entries: _Entries) -> dict:
    """The record's scalars for the manifest; its arrays go into ``entries``."""
    doc: dict[str, Any] = {
        name: _scalar_for_json(name, getattr(record, name), kinds)
        for name, kinds in _RECORD_SCALARS.items()
    }
    doc["params"] = dict(record.params)
    doc["robustness"] = _plain_json(record.robustness)
    doc["adv_top"] = [[_scalar_for_json("adv_top", int(i), (int,)), str(label),
                       _scalar_for_json("adv_top", float(p), (float,))]
                      for i, label, p in record.adv_top]
    doc["target"] = None if record.target is None else _scalar_for_json("target", record.target, (int,))
    doc["trajectory"] = [
        {"step": _scalar_for_json("step", e["step"], (int,)),
         "true_prob": None if e.get("true_prob") is None else float(e["true_prob"]),
         "target_prob": None if e.get("target_prob") is None else float(e["target_prob"])}
        for e in record.trajectory
    ]
    folder = f"records/{number}"
    _check_image("clean_rgb", record.clean_rgb, np.uint8, None, "save")
    shape = record.clean_rgb.shape
    _check_image("adversarial_rgb", record.adversarial_rgb, np.uint8, shape, "save")
    _check_image("perturbation", record.perturbation, np.float32, shape, "save")
    arrays = {}
    for name in ("clean_rgb", "adversarial_rgb", "perturbation"):
        arrays[name] = entries.add(f"{folder}/{name}.npy", getattr(record, name))
    doc["arrays"] = arrays
    frames = []
    for k, (step, frame) in enumerate(record.frames):
        _check_image(f"frame {k}", frame, np.uint8, shape, "save")
        entry = entries.add(f"{folder}/frames/{k}.npy", frame)
        frames.append({"step": _scalar_for_json("frame step", step, (int,)), "array": entry})
    doc["frames"] = frames
    return doc


def _check_saved_manifest(manifest: dict, name: str) -> None:
    """Refuse to save what `load_session` would refuse to open again (its arrays aside)."""
    reader = _Reader(None, name, saving=True)
    _check_ui(manifest, reader)
    for k, doc in enumerate(manifest["records"]):
        _record_fields(doc, k, reader)


def save_session(path: str | os.PathLike[str], state: SessionState) -> None:
    """Write ``state`` to ``path`` as one session file, atomically.

    Raises `SessionError` if something in the state cannot be saved or the file cannot
    be written; the file that was at ``path`` before is then left as it was.
    """
    target = Path(path)
    if len(state.records) > MAX_RECORDS:
        raise SessionError(
            "The session holds {count_records} results; a session file keeps at most "
            "{max_records}. Delete some results and save again.",
            count_records=len(state.records), max_records=MAX_RECORDS
        )
    entries = _Entries()
    source = None
    if state.source_rgb is not None:
        _check_image("source image", state.source_rgb, np.uint8, None, "save")
        source = entries.add("source_rgb.npy", state.source_rgb)
    manifest = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "image_name": str(state.image_name),
        "model": str(state.model),
        "eta": float(state.eta),
        "direction": state.direction,
        "attack": state.attack,
        "selected": [str(s) for s in state.selected],
        "extra": state.extra,
        "source_rgb": source,
        "records": [_record_manifest(r, k, entries) for k, r in enumerate(state.records)],
    }
    if _too_deep(manifest):
        _too_deep_error(target.name, saving=True)
    manifest = _plain_json(manifest)
    _check_saved_manifest(manifest, target.name)
    try:
        manifest_text = json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise SessionError(
            "Cannot save the session: a setting is not plain data ({exc}). This is a bug in the "
            "lab; please report it.",
            exc=exc
        ) from exc
    if len(manifest_text.encode("utf-8")) > MAX_MANIFEST_BYTES:
        raise SessionError(
            "Cannot save: the session's list of results and settings would be larger than the "
            "{limit} MB the lab opens again. Delete some results and save again.",
            limit=MAX_MANIFEST_BYTES // 1024**2
        )

    try:
        folder = target.parent if str(target.parent) else Path(".")
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=f".{target.name}.",
                                             suffix=".tmp", delete=False)
    except OSError as exc:
        raise SessionError(
            "Cannot write in '{parent}': {reason}. Choose another folder.",
            parent=target.parent, reason=exc.strerror or exc
        ) from exc
    temporary = Path(handle.name)
    try:
        with handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED,
                                 compresslevel=1) as archive:
                archive.writestr(_MANIFEST, manifest_text)
                for name, data in entries.items():
                    archive.writestr(name, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SessionError(
                "Could not write the session to '{target}': {reason}. Check the free disk space, "
                "or choose another folder.",
                target=target, reason=exc.strerror or exc
            ) from exc
        raise


# -- loading ------------------------------------------------------------------------------
def _check_image(name: str, array: Any, dtype: type, shape: tuple[int, ...] | None,
                 when: str = "load") -> np.ndarray:
    """An (H, W, 3) array of ``dtype`` (and ``shape`` if given), else `SessionError`."""
    ok = (
        isinstance(array, np.ndarray)
        and array.dtype == np.dtype(dtype)
        and array.ndim == 3
        and array.shape[2] == 3
        and 1 <= array.shape[0] <= MAX_SIDE
        and 1 <= array.shape[1] <= MAX_SIDE
        and (shape is None or array.shape == shape)
    )
    if not ok:
        found = (f"{array.dtype} {array.shape}" if isinstance(array, np.ndarray)
                 else type(array).__name__)
        wanted = f"{np.dtype(dtype)} {shape if shape else '(H, W, 3)'}"
        if when == "save":
            raise SessionError(
                "Cannot save: the {name} is {found}, not {wanted}. This is a bug in the lab; "
                "please report it.",
                name=name, found=found, wanted=wanted
            )
        raise SessionError(
            "The session's {name} is {found}, not {wanted}. The file is damaged or not from "
            "advlab; open another session file.",
            name=name, found=found, wanted=wanted
        )
    return array


#: Errors the zip module raises for a damaged, encrypted or oddly compressed entry.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
               zlib.error, RuntimeError, NotImplementedError, KeyError)
#: An .npy entry may be this much longer than its array (its header).
_NPY_HEADER_BYTES = 1024**2


class _Reader:
    """Reads a session zip's entries as untrusted input.

    Each array entry is decoded once and shared by every reference to it; ``decoded`` counts
    the bytes of every reference, and reading stops before it passes `MAX_DECODED_BYTES`.
    """

    def __init__(self, archive: zipfile.ZipFile | None, name: str, saving: bool = False) -> None:
        self.archive, self.name, self.saving = archive, name, saving
        self.decoded = 0
        self.arrays: dict[str, np.ndarray] = {}

    def damaged(self, what: str) -> SessionError:
        return SessionError(
            f"'{self.name}' is damaged: {what}. Open another copy, or an autosave."
        )

    def too_large(self) -> NoReturn:
        raise SessionError(
            "'{name}' would need more than {limit} GB of memory for its images (an image used "
            "in several places counts each time). It was refused; open another session file.",
            name=self.name, limit=MAX_DECODED_BYTES // 1024**3
        )

    def read(self, entry: str, limit: int, what: str) -> bytes:
        """The inflated bytes of ``entry``; never inflates more than ``limit`` + 1 bytes."""
        assert self.archive is not None
        try:
            with self.archive.open(entry) as stream:
                data = stream.read(limit + 1)
        except KeyError:
            raise self.damaged(f"the {what} ({entry}) is missing") from None
        except _ZIP_ERRORS as exc:
            raise self.damaged(f"the {what} cannot be read ({exc})") from exc
        return data

    def array(self, entry: Any, what: str) -> np.ndarray:
        if not isinstance(entry, str):
            raise self.damaged(f"the {what} has no array entry")
        array = self.arrays.get(entry)
        if array is None:
            array = self._decode(entry, what)
            self.arrays[entry] = array
        self.decoded += array.nbytes
        if self.decoded > MAX_DECODED_BYTES:
            self.too_large()
        return array

    def _decode(self, entry: str, what: str) -> np.ndarray:
        assert self.archive is not None
        left = MAX_DECODED_BYTES - self.decoded
        try:
            declared = self.archive.getinfo(entry).file_size
        except KeyError:
            raise self.damaged(f"the {what} ({entry}) is missing") from None
        if declared > left + _NPY_HEADER_BYTES:
            self.too_large()
        data = self.read(entry, left + _NPY_HEADER_BYTES, what)
        if len(data) > left + _NPY_HEADER_BYTES:
            self.too_large()
        try:
            _check_npy_size(data)
            return np.load(io.BytesIO(data), allow_pickle=False)
        except ValueError as exc:
            if "pickle" in str(exc).lower():
                raise SessionError(
                    "'{name}' holds Python objects in the {what}, which the lab never writes and "
                    "refuses to load (they could run code). Open a session saved by advlab.",
                    name=self.name, what=what
                ) from exc
            raise self.damaged(f"the {what} is not a valid array ({exc})") from exc
        except (OSError, EOFError, MemoryError, TypeError, OverflowError, SyntaxError) as exc:
            raise self.damaged(f"the {what} is not a valid array ({exc})") from exc


def _check_npy_size(data: bytes) -> None:
    """Refuse an .npy whose header promises more data than it holds (before allocating)."""
    stream = io.BytesIO(data)
    version = np.lib.format.read_magic(stream)
    if version == (1, 0):
        shape, _fortran, dtype = np.lib.format.read_array_header_1_0(stream)
    elif version == (2, 0):
        shape, _fortran, dtype = np.lib.format.read_array_header_2_0(stream)
    else:
        raise ValueError(f"unsupported .npy version {version}")
    if dtype.hasobject:
        raise ValueError("Object arrays cannot be loaded when allow_pickle=False")
    count = math.prod(int(n) for n in shape)
    if count * dtype.itemsize > len(data) - stream.tell():
        raise ValueError(f"its header promises {shape} {dtype} but the data is shorter")


def _field(doc: dict, key: str, kinds: tuple[type, ...], reader: _Reader, where: str,
           allow_none: bool = False) -> Any:
    if key not in doc:
        raise reader.damaged(f"{where} has no '{key}'")
    value = doc[key]
    if value is None and allow_none:
        return None
    if bool not in kinds and isinstance(value, bool):
        ok = False
    elif kinds == (float,):
        ok = isinstance(value, (int, float))
        value = float(value) if ok else value
    else:
        ok = isinstance(value, kinds)
    if not ok:
        raise reader.damaged(f"{where}'s '{key}' is {value!r}")
    return value


def _bad(reader: _Reader, what: str, value: Any, wanted: str) -> NoReturn:
    """Refuse one value of the session, saying which, what it is and what it must be."""
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    if reader.saving:
        raise SessionError(
            "Cannot save: {what} = {value}, which must be {wanted}. This is a bug in the lab; "
            "please report it.",
            what=what, value=shown, wanted=wanted
        )
    raise SessionError(
        "'{name}' has {what} = {value}, which must be {wanted}. The file is damaged or was "
        "changed by hand; open another session file.",
        name=reader.name, what=what, value=shown, wanted=wanted
    )


def _number(reader: _Reader, what: str, value: Any, low: float, high: float,
            slack: float = 0.0) -> float:
    """A finite JSON number in [low, high] (± ``slack`` for rounding), as a float."""
    ok = (isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)
                                       and abs(value) <= MAX_WHOLE))
    if not ok or not math.isfinite(value) or not low - slack <= value <= high + slack:
        _bad(reader, what, value, f"a number from {low:g} to {high:g}")
    return float(value)


def _whole(reader: _Reader, what: str, value: Any, low: int, high: int = MAX_WHOLE) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        _bad(reader, what, value, f"a whole number from {low} to {high}")
    return value


def _text(reader: _Reader, what: str, value: Any, one_line: bool = False) -> str:
    if (not isinstance(value, str) or len(value) > MAX_TEXT
            or (one_line and any(c in value for c in "\r\n\0"))):
        _bad(reader, what, value, f"one line of text of at most {MAX_TEXT} characters"
             if one_line else f"text of at most {MAX_TEXT} characters")
    return value


def _plain(reader: _Reader, what: str, value: Any) -> Any:
    """``value`` if it is plain data the lab could have written: objects with text keys,
    lists, short text, true/false, null and finite numbers (depth is checked on reading)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                _text(reader, f"a key of {what}", key, one_line=True)
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) or (isinstance(item, int) and not isinstance(item, bool)):
            if not (abs(item) <= MAX_WHOLE if isinstance(item, int) else math.isfinite(item)):
                _bad(reader, f"a number in {what}", item, "a finite number")
        elif isinstance(item, str):
            _text(reader, f"a text in {what}", item)
        elif item is not None and not isinstance(item, bool):
            _bad(reader, f"a value in {what}", item, "plain data")
    return value


def _probability(reader: _Reader, what: str, value: Any) -> float:
    return _number(reader, what, value, 0.0, 1.0, slack=1e-6)


def _class_index(reader: _Reader, what: str, value: Any) -> int:
    return _whole(reader, what, value, 0, NUM_CLASSES - 1)


def _check_record_values(values: dict[str, Any], reader: _Reader, where: str) -> None:
    """The record's scalars, each in its range (types were checked by `_field`)."""
    for key, kinds in _RECORD_SCALARS.items():
        if kinds == (str,):
            _text(reader, f"{where}'s {key}", values[key], one_line=key in ("id", "model"))
    if len(values["id"]) > 200:
        _bad(reader, f"{where}'s id", values["id"], "an id of at most 200 characters")
    for key in ("clean_index", "adv_index"):
        _class_index(reader, f"{where}'s {key}", values[key])
    for key in ("clean_prob", "adv_prob"):
        _probability(reader, f"{where}'s {key}", values[key])
    _whole(reader, f"{where}'s success_step", values["success_step"], -1)
    for key in ("steps_used", "queries"):
        _whole(reader, f"{where}'s {key}", values[key], 0)
    _number(reader, f"{where}'s seconds", values["seconds"], 0.0, 1e9)
    _number(reader, f"{where}'s created", values["created"], -1e12, 1e12)
    if values["target"] is not None:
        _class_index(reader, f"{where}'s target", values["target"])


def _check_robustness(report: Any, reader: _Reader, where: str) -> dict[str, Any] | None:
    """None, or a saved-file check as `advlab.core.robustness.check_saved` writes it."""
    if report is None:
        return None
    what = f"{where}'s saved-file check"
    if not isinstance(report, dict) or not isinstance(report.get("png"), dict) \
            or not isinstance(report.get("jpeg"), dict):
        _bad(reader, what, report, "a PNG and a JPEG verdict")
    _plain(reader, what, report)
    for kind in ("png", "jpeg"):
        verdict = report[kind]
        if not isinstance(verdict.get("fools"), bool):
            _bad(reader, f"{what}'s {kind} fools", verdict.get("fools"), "true or false")
        _text(reader, f"{what}'s {kind} label", verdict.get("label"))
        _probability(reader, f"{what}'s {kind} prob", verdict.get("prob"))
    jpeg = report["jpeg"]
    _whole(reader, f"{what}'s JPEG quality", jpeg.get("quality"), 1, 100)
    lowest = jpeg.get("lowest_quality_that_fools")
    if lowest is not None:
        _whole(reader, f"{what}'s lowest JPEG quality", lowest, 1, 100)
    return report


def _check_attack_choice(attack: dict[str, Any], reader: _Reader) -> dict[str, Any]:
    """The attack form as the window saves it: a known attack, its own parameters, each of the
    right type and in range, and a target class name."""
    from advlab.core.attacks.registry import ATTACKS

    name = attack.get("name", "")
    if name in ("", None):
        name = ""
    elif not isinstance(name, str) or name not in ATTACKS:
        raise SessionError(
            "'{name}' chooses the attack {attack}, which this advlab does not have (it has "
            "{attacks}). Open another session file, or update advlab.",
            name=reader.name, attack=repr(name)[:40], attacks=", ".join(ATTACKS)
        )
    params = attack.get("params", {})
    if not isinstance(params, dict):
        _bad(reader, "the attack's parameters", params, "a set of named values")
    known = {p.name: p for p in ATTACKS[name].params} if name else {}
    for key, value in params.items():
        param = known.get(key)
        if param is None:
            _bad(reader, "an attack parameter's name", key,
                 f"one of {', '.join(known) or 'none'}")
        if param.type is bool:
            if not isinstance(value, bool):
                _bad(reader, f"the attack's {key}", value, "true or false")
        elif param.type is int:
            _whole(reader, f"the attack's {key}", value,
                   int(param.minimum) if param.minimum is not None else -MAX_WHOLE,
                   int(param.maximum) if param.maximum is not None else MAX_WHOLE)
        else:
            _number(reader, f"the attack's {key}", value,
                    param.minimum if param.minimum is not None else -float(MAX_WHOLE),
                    param.maximum if param.maximum is not None else float(MAX_WHOLE))
    target = _text(reader, "the attack's target", attack.get("target", ""), one_line=True)
    _plain(reader, "the attack choice", attack)
    return {**attack, "name": name, "params": params, "target": target}


def _check_direction(direction: dict[str, Any], reader: _Reader) -> dict[str, Any]:
    """The η slider's direction: FGSM or noise, a target class name, a seed."""
    from advlab.core.live import DIRECTIONS

    kind = direction.get("kind", DIRECTIONS[0])
    if kind not in DIRECTIONS:
        _bad(reader, "the direction", kind, " or ".join(repr(d) for d in DIRECTIONS))
    _text(reader, "the direction's target", direction.get("target", ""), one_line=True)
    _whole(reader, "the direction's seed", direction.get("seed", 0), 0, 2**31 - 1)
    _plain(reader, "the direction", direction)
    return direction


def _check_extra(extra: dict[str, Any], reader: _Reader) -> dict[str, Any]:
    if "pixel_mode" in extra and not isinstance(extra["pixel_mode"], bool):
        _bad(reader, "the pixel mode", extra["pixel_mode"], "true or false")
    return _plain(reader, "the other settings", extra)


def _check_ui(manifest: dict, reader: _Reader) -> dict[str, Any]:
    """The lab's choices in ``manifest`` (everything but the results), each checked."""
    from advlab.core.live import MAX_TRAINED_ETA

    where = "the session"
    selected = _field(manifest, "selected", (list,), reader, where)
    if len(selected) > MAX_RECORDS:
        _bad(reader, "the number of selected results", len(selected), f"at most {MAX_RECORDS}")
    for item in selected:
        _text(reader, "a selected result's id", item, one_line=True)
    if "eta" not in manifest:
        raise reader.damaged(f"{where} has no 'eta'")
    return {
        "image_name": _text(reader, "the image name",
                            _field(manifest, "image_name", (str,), reader, where)),
        "model": _text(reader, "the model", _field(manifest, "model", (str,), reader, where),
                       one_line=True),
        "eta": _number(reader, "η", manifest["eta"], 0.0, MAX_TRAINED_ETA),
        "direction": _check_direction(_field(manifest, "direction", (dict,), reader, where), reader),
        "attack": _check_attack_choice(_field(manifest, "attack", (dict,), reader, where), reader),
        "selected": selected,
        "extra": _check_extra(_field(manifest, "extra", (dict,), reader, where), reader),
    }


def _record_fields(doc: Any, number: int, reader: _Reader) -> dict[str, Any]:
    """Everything of result ``number`` but its arrays, checked: `AttackRecord`'s keyword
    arguments without the images, plus ``arrays`` (name → entry) and ``frames`` ((step,
    entry) pairs)."""
    where = f"result {number + 1}"
    if not isinstance(doc, dict):
        raise reader.damaged(f"{where} is not a record")
    values = {key: _field(doc, key, kinds, reader, where) for key, kinds in _RECORD_SCALARS.items()}
    values["target"] = _field(doc, "target", (int,), reader, where, allow_none=True)
    _check_record_values(values, reader, where)
    params = _plain(reader, f"{where}'s parameters", _field(doc, "params", (dict,), reader, where))
    adv_top = []
    rows = doc.get("adv_top", [])
    if isinstance(rows, list) and len(rows) > NUM_CLASSES:
        _bad(reader, f"{where}'s number of top classes", len(rows), f"at most {NUM_CLASSES}")
    for row in rows if isinstance(rows, list) else [None]:
        if (not isinstance(row, list) or len(row) != 3 or isinstance(row[0], bool)
                or not isinstance(row[0], int) or not isinstance(row[1], str)
                or not isinstance(row[2], (int, float)) or isinstance(row[2], bool)):
            raise reader.damaged(f"{where}'s top classes are {str(row)[:40]}")
        adv_top.append((_class_index(reader, f"{where}'s top class", row[0]),
                        _text(reader, f"{where}'s top class label", row[1]),
                        _probability(reader, f"{where}'s top class probability", row[2])))
    raw_trajectory = _field(doc, "trajectory", (list,), reader, where)
    if len(raw_trajectory) > MAX_TRAJECTORY:
        _bad(reader, f"{where}'s number of trajectory entries", len(raw_trajectory),
             f"at most {MAX_TRAJECTORY}")
    trajectory = []
    for entry in raw_trajectory:
        if not isinstance(entry, dict):
            raise reader.damaged(f"{where}'s trajectory has an entry that is not a record")
        entry = {
            "step": _field(entry, "step", (int,), reader, f"{where}'s trajectory"),
            "true_prob": _field(entry, "true_prob", (float,), reader, f"{where}'s trajectory",
                                allow_none=True),
            "target_prob": _field(entry, "target_prob", (float,), reader, f"{where}'s trajectory",
                                  allow_none=True),
        }
        _whole(reader, f"{where}'s trajectory step", entry["step"], -1)
        for key in ("true_prob", "target_prob"):
            if entry[key] is not None:
                _probability(reader, f"{where}'s trajectory {key}", entry[key])
        trajectory.append(entry)
    arrays = _field(doc, "arrays", (dict,), reader, where)
    raw_frames = _field(doc, "frames", (list,), reader, where)
    if len(raw_frames) > MAX_FRAMES_PER_RECORD:
        raise reader.damaged(f"{where} claims {len(raw_frames)} playback frames")
    frames = []
    for k, frame in enumerate(raw_frames):
        if not isinstance(frame, dict):
            raise reader.damaged(f"{where}'s frame {k + 1} is not a record")
        step = _whole(reader, f"{where}'s frame {k + 1} step",
                      _field(frame, "step", (int,), reader, f"{where}'s frame {k + 1}"), -1)
        frames.append((step, frame.get("array")))
    robustness = _check_robustness(doc.get("robustness"), reader, where)
    return {**values, "params": params, "adv_top": adv_top, "trajectory": trajectory,
            "robustness": robustness, "arrays": arrays, "frames": frames}


def _load_record(doc: Any, number: int, reader: _Reader) -> AttackRecord:
    where = f"result {number + 1}"
    fields = _record_fields(doc, number, reader)
    arrays, frame_entries = fields.pop("arrays"), fields.pop("frames")
    clean = _check_image(f"{where}'s clean image",
                         reader.array(arrays.get("clean_rgb"), f"{where}'s clean image"), np.uint8, None)
    shape = clean.shape
    adversarial = _check_image(
        f"{where}'s adversarial image",
        reader.array(arrays.get("adversarial_rgb"), f"{where}'s adversarial image"), np.uint8, shape)
    perturbation = _check_image(
        f"{where}'s perturbation",
        reader.array(arrays.get("perturbation"), f"{where}'s perturbation"), np.float32, shape)
    frames = [(step, _check_image(f"{where}'s frame {k + 1}",
                                  reader.array(entry, f"{where}'s frame {k + 1}"), np.uint8, shape))
              for k, (step, entry) in enumerate(frame_entries)]
    return AttackRecord(clean_rgb=clean, adversarial_rgb=adversarial, perturbation=perturbation,
                        frames=frames, **fields)


def load_session(path: str | os.PathLike[str]) -> SessionState:
    """Read a session file written by `save_session`; refuses anything else with `SessionError`."""
    p = Path(path)
    name = p.name or str(p)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise SessionError("'{p}' does not exist. Check the path and try again.", p=p) from None
    except OSError as exc:
        raise SessionError(
            "Cannot open '{name}': {reason}. Check the path.",
            name=name, reason=exc.strerror or exc
        ) from exc
    if not p.is_file():
        raise SessionError("'{name}' is not a file. Choose a session file (.advlab).", name=name)
    if size > MAX_SESSION_BYTES:
        raise SessionError(
            "'{name}' is {size:.1f} GB; the lab opens session files up to {limit} GB. Is it "
            "really a session file?",
            name=name, size=size / 1024**3, limit=MAX_SESSION_BYTES // 1024**3
        )
    try:
        archive = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise SessionError(
            "'{name}' is not an advlab session file, or it is damaged or incomplete. Open another"
            " session file, or an autosave.",
            name=name
        ) from exc
    except OSError as exc:
        raise SessionError(
            "Cannot read '{name}': {reason}. Check its permissions.",
            name=name, reason=exc.strerror or exc
        ) from exc
    with archive:
        _check_members(archive, name)
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise SessionError(
                "'{name}' would unpack to {size:.1f} GB, more than the {limit} GB a session may"
                " hold. It was refused.",
                name=name, size=unpacked / 1024**3, limit=MAX_UNPACKED_BYTES // 1024**3
            )
        reader = _Reader(archive, name)
        manifest = _read_manifest(archive, reader)
        return _state_from_manifest(manifest, reader)


#: Entry names as the lab writes them: ``manifest.json``, ``records/0/frames/3.npy``.
_ENTRY_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*/?")


def _check_members(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse, before reading any of them, entries the lab never writes: encrypted, compressed
    by another method, named twice, or with a name that climbs out of the archive."""
    seen: set[str] = set()
    for info in archive.infolist():
        entry = info.filename
        if (not _ENTRY_NAME.fullmatch(entry) or ".." in entry.split("/")
                or len(entry) > MAX_TEXT):
            raise SessionError(
                "'{name}' holds an entry named {entry!r}, which no advlab session has. It was "
                "refused; open a session saved by advlab.",
                name=name, entry=entry[:80]
            )
        if entry in seen:
            raise SessionError(
                "'{name}' holds the entry {entry!r} twice, which no advlab session does. It was "
                "refused; open another copy of the session.",
                name=name, entry=entry[:80]
            )
        seen.add(entry)
        if info.flag_bits & 0x1:
            raise SessionError(
                "'{name}' holds encrypted entries, which the lab never writes and cannot open. "
                "Open a session saved by advlab.",
                name=name
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SessionError(
                "'{name}' is compressed with a method the lab does not read (zip method "
                "{method}). Open a session saved by advlab.",
                name=name, method=info.compress_type
            )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are each given once (else which one counts is a guess)."""
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ValueError(f"the key {twice!r} is given twice")
    return doc


def _too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether lists and objects in ``value`` nest deeper than ``limit`` (no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _too_deep_error(name: str, saving: bool = False) -> NoReturn:
    if saving:
        raise SessionError(
            "Cannot save: the session's settings nest more than {limit} levels deep. This is a "
            "bug in the lab; please report it.",
            limit=MAX_JSON_DEPTH
        )
    raise SessionError(
        "'{name}' has settings nested more than {limit} levels deep, which the lab never "
        "writes. It was refused; open another session file.",
        name=name, limit=MAX_JSON_DEPTH
    )


def _read_manifest(archive: zipfile.ZipFile, reader: _Reader) -> dict:
    name = reader.name
    try:
        declared = archive.getinfo(_MANIFEST).file_size
    except KeyError:
        raise SessionError(
            "'{name}' is a zip file but not an advlab session (it has no manifest.json). Open a "
            "file saved with File → Save session.",
            name=name
        ) from None
    text = b"" if declared > MAX_MANIFEST_BYTES else reader.read(_MANIFEST, MAX_MANIFEST_BYTES,
                                                                   _MANIFEST)
    if declared > MAX_MANIFEST_BYTES or len(text) > MAX_MANIFEST_BYTES:
        raise SessionError(
            "'{name}' has a manifest of more than {limit} MB, far more than the lab writes. It "
            "was refused; open another session file.",
            name=name, limit=MAX_MANIFEST_BYTES // 1024**2
        )
    try:
        manifest = json.loads(text.decode("utf-8"), object_pairs_hook=_unique_keys)
    except RecursionError:
        _too_deep_error(name)
    except (UnicodeDecodeError, ValueError) as exc:
        raise reader.damaged(f"its {_MANIFEST} is not valid JSON") from exc
    if _too_deep(manifest):
        _too_deep_error(name)
    if not isinstance(manifest, dict) or manifest.get("format") != SESSION_FORMAT:
        raise SessionError(
            "'{name}' is not an advlab session (its manifest does not say 'advlab-session'). Open"
            " a file saved with File → Save session.",
            name=name
        )
    version = manifest.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise reader.damaged(f"its format version is {version!r}")
    if version > SESSION_VERSION:
        raise SessionError(
            "'{name}' was saved by a newer advlab (session version {version}; this one reads up "
            "to {session_version}). Update advlab to open it.",
            name=name, version=version, session_version=SESSION_VERSION
        )
    return manifest


def _state_from_manifest(manifest: dict, reader: _Reader) -> SessionState:
    """The whole session, every part checked (the lab's choices first, then the results and
    their arrays), so the caller can apply it without meeting a bad value halfway."""
    where = "the session"
    ui = _check_ui(manifest, reader)
    records_doc = _field(manifest, "records", (list,), reader, where)
    if len(records_doc) > MAX_RECORDS:
        raise SessionError(
            "'{name}' claims {count_records_doc} results; the lab opens at most {max_records}. "
            "The file was refused.",
            name=reader.name, count_records_doc=len(records_doc), max_records=MAX_RECORDS
        )
    source_entry = _field(manifest, "source_rgb", (str,), reader, where, allow_none=True)
    source = None
    if source_entry is not None:
        source = _check_image("source image", reader.array(source_entry, "source image"),
                              np.uint8, None)
    records = [_load_record(doc, k, reader) for k, doc in enumerate(records_doc)]
    ids = [record.id for record in records]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        twice = next(i for i in ids if i in seen or seen.add(i))  # type: ignore[func-returns-value]
        _bad(reader, "a result's id", twice, "different for every result")
    return SessionState(source_rgb=source, records=records, **ui)
