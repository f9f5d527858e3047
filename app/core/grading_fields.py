"""The fields of a grading result, as dataclasses that refuse to exist in an impossible state
(unknown code, synthetic amber, a loose stone with a metal): the jewellery part (stones,
diamond and jadeite grades, metals) and the phone part (cosmetic grade, disclosures), with the
checks that read a value into a field. ``app.core.grading`` builds the whole result and its
findings from these; ``app.core.grading_payload`` maps them to and from the platform's JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.errors import ValidationError
from app.core.vocab import Vocabulary, gems, jadeite, metals, phone, pieces
from app.core.vocab import diamond as dia

MAX_PLACES = 4  # platform-api.md: masses are sent with at most 4 decimals


def bad(zh: str, en: str, field_name: str) -> ValidationError:
    return ValidationError(zh, en, field=field_name)


def vocab_code(vocab: Vocabulary[Any], value: object) -> str:
    return vocab.get(value).code


def quantity(value: object, field_name: str, *, places: int = MAX_PLACES) -> Decimal:
    """A positive Decimal with at most ``places`` decimals. Floats from JSON are read through
    their shortest repr so 2.35 stays 2.35."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float, str)):
        raise bad(f"{field_name} 必须是数值", f"{field_name} must be a number", field_name)
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        raise bad(f"{field_name} 不是数值：{value!r}", f"{field_name} is not a number: {value!r}", field_name) from None
    if not number.is_finite() or number <= 0 or number >= 100000:
        raise bad(f"{field_name} 必须大于 0 且小于 100000", f"{field_name} must be > 0 and < 100000", field_name)
    if int(number.as_tuple().exponent) < -places:  # finite here, so the exponent is an int
        raise bad(f"{field_name} 最多 {places} 位小数", f"{field_name} has more than {places} decimals", field_name)
    return number


def json_number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def opt(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key)


def mapping_of(value: object, field_name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise bad(f"{field_name} 必须是对象", f"{field_name} must be an object", field_name)
    return value


def str_tuple(value: object, field_name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise bad(f"{field_name} 必须是文本列表", f"{field_name} must be a list of strings", field_name)
    return tuple(value)


# ---------------------------------------------------------------- jewellery


@dataclass(frozen=True)
class DiamondGrades:
    """GB/T 16554 grades. For a mounted stone colour and clarity are group codes
    (``D-E``, ``VVS``); for a loose stone the single grades (``E``, ``VVS1``)."""

    colour: str
    clarity: str
    cut: str | None = None
    fluorescence: str | None = None

    def __post_init__(self) -> None:
        for name in ("colour", "clarity", "cut", "fluorescence"):
            value = getattr(self, name)
            if not isinstance(value, str) and not (value is None and name in ("cut", "fluorescence")):
                raise bad(f"钻石 {name} 必须是代码", f"diamond {name} must be a code", "diamond")

    def check(self, mounted: bool) -> None:
        """Colour and clarity codes depend on whether the stone is mounted, which only the
        piece knows, so JewelryResult calls this."""
        if mounted:
            if self.colour not in dia.MOUNTED_COLOUR_GROUPS or self.clarity not in dia.MOUNTED_CLARITY_GROUPS:
                raise bad(
                    "镶嵌钻石只能按颜色组（如 D-E）和净度组（如 VVS）分级",
                    "a mounted diamond is graded in colour groups (e.g. D-E) and clarity groups (e.g. VVS)",
                    "diamond",
                )
        else:
            vocab_code(dia.DIAMOND_COLOURS, self.colour)
            vocab_code(dia.DIAMOND_CLARITIES, self.clarity)
        if self.cut is not None:
            vocab_code(dia.DIAMOND_CUTS, self.cut)
        if self.fluorescence is not None:
            vocab_code(dia.DIAMOND_FLUORESCENCE, self.fluorescence)


@dataclass(frozen=True)
class JadeiteGrades:
    """GB/T 23885 grades; only natural (A) jadeite is graded."""

    colour: str
    transparency: str
    texture: str
    clarity: str

    def __post_init__(self) -> None:
        vocab_code(jadeite.JADEITE_COLOURS, self.colour)
        vocab_code(jadeite.JADEITE_TRANSPARENCIES, self.transparency)
        vocab_code(jadeite.JADEITE_TEXTURES, self.texture)
        vocab_code(jadeite.JADEITE_CLARITIES, self.clarity)


def check_material_origin(material: str | None, origin: str) -> None:
    """GB/T 16552's prefixes only make sense for some materials: there is no synthetic
    amber, no natural cubic zirconia, and a natural gem is never 人造."""
    vocab_code(gems.ORIGINS, origin)
    if origin in ("imitation", "composite"):
        return
    if material is None:
        raise bad("必须写明材料", "the material is required", "material")
    gem = gems.gem_term(material)
    ok = {
        "natural": gem.nature == gems.NATURAL,
        "synthetic": gem.synthetic_exists,
        "man_made": gem.nature in (gems.MAN_MADE, gems.PLAIN_MAN_MADE),
        "reconstructed": gem.reconstructable,
    }[origin]
    if not ok:
        origin_term = gems.ORIGINS.get(origin)
        raise bad(
            f"不存在“{origin_term.zh}{gem.zh}”这种定名",
            f"“{origin_term.en} {gem.en}” is not a valid designation",
            "origin",
        )


@dataclass(frozen=True)
class Stone:
    """One stone (or a set of identical ones, ``count``).

    - ``origin`` natural/synthetic/man_made/reconstructed: ``material`` is the gem code.
    - ``composite``: ``components`` lists the layers top first (two or more); ``material``
      is filled with the top layer.
    - ``imitation``: ``imitates`` is the gem imitated; ``material`` (with
      ``material_origin``) is the actual material when it could be determined.
    """

    material: str | None
    origin: str = "natural"
    treatments: tuple[str, ...] = ()
    imitates: str | None = None
    material_origin: str | None = None
    components: tuple[Stone, ...] = ()
    mass_ct: Decimal | None = None
    count: int = 1
    shape: str | None = None
    diamond: DiamondGrades | None = None
    jadeite: JadeiteGrades | None = None

    def __post_init__(self) -> None:
        check_material_origin(self.material, self.origin)
        for t in self.treatments:
            vocab_code(gems.TREATMENTS, t)
        if len(set(self.treatments)) != len(self.treatments):
            raise bad("优化处理方法重复", "a treatment is listed twice", "treatments")
        if self.origin == "composite":
            if len(self.components) < 2:
                raise bad("拼合石至少由两层组成", "a composite has at least two parts", "components")
            for part in self.components:
                if part.origin not in ("natural", "synthetic", "man_made"):
                    raise bad(
                        "拼合石的每层必须是天然、合成或人造材料",
                        "each composite part is natural, synthetic or man-made",
                        "components",
                    )
            object.__setattr__(self, "material", self.components[0].material)
        elif self.components:
            raise bad("只有拼合石有组成层", "only a composite has parts", "components")
        if self.origin == "imitation":
            if self.imitates is None:
                raise bad("仿宝石必须写明所仿的宝石", "an imitation must name the gem it imitates", "imitates")
            vocab_code(gems.GEMS, self.imitates)
            if self.material is not None:
                if self.material == self.imitates:
                    raise bad(
                        "仿宝石的材料不能与所仿宝石相同",
                        "an imitation cannot be made of the gem it imitates",
                        "imitates",
                    )
                check_material_origin(self.material, self.material_origin or default_origin(self.material))
        elif self.imitates is not None or self.material_origin is not None:
            raise bad("只有仿宝石写所仿宝石", "only an imitation names an imitated gem", "imitates")
        if self.mass_ct is not None:
            object.__setattr__(self, "mass_ct", quantity(self.mass_ct, "mass_ct"))
        if isinstance(self.count, bool) or not isinstance(self.count, int) or not 1 <= self.count <= 10000:
            raise bad("粒数必须是 1–10000 的整数", "count must be an integer 1–10000", "count")
        if self.shape is not None:
            vocab_code(pieces.SHAPES, self.shape)
        if self.diamond is not None and (self.material != "diamond" or self.origin not in ("natural", "synthetic")):
            raise bad("钻石分级只适用于钻石", "diamond grades apply only to diamond", "diamond")
        if self.jadeite is not None and (
            self.material != "jadeite" or self.origin != "natural" or self.declared_treatments
        ):
            raise bad("只有天然（A货）翡翠可以分级", "only natural (type A) jadeite is graded", "jadeite")

    @property
    def declared_treatments(self) -> tuple[str, ...]:
        """Treatments (处理) that must appear in the name; optimisations (优化) are not here."""
        if self.material is None or self.origin == "imitation":
            return ()
        return gems.must_declare(self.treatments, self.material)


def default_origin(material: str) -> str:
    nature = gems.gem_term(material).nature
    return {gems.NATURAL: "natural", gems.SYNTHETIC_ONLY: "synthetic"}.get(nature, "man_made")


@dataclass(frozen=True)
class JewelryResult:
    piece: str
    metal: str | None = None
    main_stone: Stone | None = None
    side_stones: tuple[Stone, ...] = ()
    total_mass_g: Decimal | None = None

    def __post_init__(self) -> None:
        piece = pieces.PIECES.get(self.piece)
        assert isinstance(piece, pieces.PieceTerm)
        if self.metal is not None:
            vocab_code(metals.METALS, self.metal)
        if not piece.mounted and (self.metal is not None or self.side_stones):
            raise bad("裸石没有金属托和配石", "a loose stone has no metal and no side stones", "piece")
        if self.main_stone is None and (self.metal is None or self.metal == "base"):
            raise bad("没有宝石的首饰必须是贵金属", "a piece without a stone must be of a precious metal", "metal")
        if not piece.mounted and self.main_stone is None:
            raise bad("裸石必须写明宝石", "a loose stone needs its stone", "main_stone")
        for stone in (self.main_stone, *self.side_stones):
            if stone is not None and stone.diamond is not None:
                stone.diamond.check(mounted=piece.mounted)
        if self.total_mass_g is not None:
            object.__setattr__(self, "total_mass_g", quantity(self.total_mass_g, "total_mass_g"))

    @property
    def is_loose(self) -> bool:
        return self.piece == "loose_stone"


# ---------------------------------------------------------------- phones


def check_cosmetic_grade(grade: str, marks: tuple[str, ...]) -> None:
    """The grade must fit its own criteria: 99新 excludes any visible mark, 95新 a scratched
    screen or a dent, and so on (``phone.GRADE_EXCLUDES``)."""
    for mark in marks:
        vocab_code(phone.COSMETIC_MARKS, mark)
    excluded = [m for m in marks if m in phone.GRADE_EXCLUDES.get(grade, frozenset())]
    if excluded:
        g = phone.COSMETIC_GRADES.get(grade)
        names = [phone.COSMETIC_MARKS.get(m) for m in excluded]
        raise bad(
            f"成色“{g.zh}”的标准不允许：" + "、".join(n.zh for n in names),
            f"grade “{g.en}” excludes by its own criteria: " + ", ".join(n.en for n in names),
            "cosmetic_grade",
        )


def allowed_cosmetic_grades(marks: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        t.code for t in phone.COSMETIC_GRADES.terms if not set(marks) & phone.GRADE_EXCLUDES.get(t.code, frozenset())
    )


DISCLOSURE_KINDS = (
    "part_replaced",
    "part_unverified",
    "function_failed",
    "battery_not_original",
    "battery_worn",
    "carrier_locked",
    "jailbroken",
    "liquid_damage",
)


@dataclass(frozen=True)
class Disclosure:
    """Something the buyer must read on the certificate (a replaced part, a failed test).
    ``subject`` is the part or test code as the box named it."""

    kind: str
    subject: str
    zh: str
    en: str

    def __post_init__(self) -> None:
        if self.kind not in DISCLOSURE_KINDS:
            raise bad(f"未知的披露类型 {self.kind!r}", f"unknown disclosure kind {self.kind!r}", "kind")
        for name in ("subject", "zh", "en"):
            if not isinstance(getattr(self, name), str):
                raise bad(f"{name} 必须是文本", f"{name} must be text", name)


@dataclass(frozen=True)
class PhoneResult:
    brand: str
    model: str
    storage_gb: int
    imei: str | None
    cosmetic_grade: str
    colour: str | None = None
    imei2: str | None = None
    battery_health_pct: int | None = None
    report_id: str | None = None
    disclosures: tuple[Disclosure, ...] = ()
    skipped_tests: tuple[str, ...] = ()
    cosmetic_marks: tuple[str, ...] = ()  # what the appraiser saw on the body (vocab COSMETIC_MARKS)

    def __post_init__(self) -> None:
        vocab_code(phone.BRANDS, self.brand)
        if not isinstance(self.model, str) or not self.model.strip() or len(self.model) > 80:
            raise bad("型号不能为空", "the model is required", "model")
        if (
            isinstance(self.storage_gb, bool)
            or not isinstance(self.storage_gb, int)
            or not 1 <= self.storage_gb <= 16384
        ):
            raise bad("存储容量必须是 1–16384 GB 的整数", "storage must be an integer 1–16384 GB", "storage_gb")
        # Only the format is checked here: a phone whose IMEI fails the Luhn check must still
        # be recordable, as a fail (GradingResult refuses to pass it).
        for name in ("imei", "imei2"):
            value = getattr(self, name)
            if value is not None and not (
                isinstance(value, str) and len(value) == 15 and value.isascii() and value.isdigit()
            ):
                raise bad(f"{name} 必须是 15 位数字", f"{name} must be 15 digits", name)
        vocab_code(phone.COSMETIC_GRADES, self.cosmetic_grade)
        check_cosmetic_grade(self.cosmetic_grade, str_tuple(self.cosmetic_marks, "cosmetic_marks"))
        if self.colour is not None:
            vocab_code(phone.COLOURS, self.colour)
        pct = self.battery_health_pct
        if pct is not None and (isinstance(pct, bool) or not isinstance(pct, int) or not 0 <= pct <= 100):
            raise bad("电池健康度必须是 0–100", "battery health must be 0–100", "battery_health_pct")
        if self.report_id is not None and not isinstance(self.report_id, str):
            raise bad("report_id 必须是文本", "report_id must be text", "report_id")
        if not all(isinstance(d, Disclosure) for d in self.disclosures):
            raise bad("披露项格式错误", "disclosures are malformed", "disclosures")
        str_tuple(self.skipped_tests, "skipped_tests")
