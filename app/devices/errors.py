"""Typed device failures, each with a Chinese and an English message (app.core.errors)."""

from __future__ import annotations

from app.core.errors import DeviceError


class DeviceDisconnected(DeviceError):
    code = "device_disconnected"

    def __init__(self, what: str = "device", detail: str = "") -> None:
        super().__init__(f"设备已断开（{what}）", f"Device disconnected ({what}) {detail}".strip())


class DeviceTimeout(DeviceError):
    code = "device_timeout"

    def __init__(self, what: str = "device", seconds: float = 0.0) -> None:
        super().__init__(f"设备无应答（{what}，{seconds:g} 秒）", f"No answer from {what} within {seconds:g} s")


class DeviceNotFound(DeviceError):
    code = "device_not_found"

    def __init__(self, what: str, detail: str = "") -> None:
        super().__init__(f"找不到设备：{what}", f"Device not found: {what} {detail}".strip())


class ProtocolError(DeviceError):
    """The device answered something the protocol does not allow."""

    code = "device_protocol"

    def __init__(self, detail: str) -> None:
        super().__init__(f"设备应答无法识别：{detail}", f"Unrecognised device reply: {detail}")


# --- balances ---------------------------------------------------------------------------


class BalanceError(DeviceError):
    code = "balance"


class BalanceOverload(BalanceError):
    code = "balance_overload"

    def __init__(self) -> None:
        super().__init__("天平过载", "Balance overloaded")


class BalanceAboveCapacity(BalanceOverload):
    """A value the balance reported but cannot have weighed: more than its own capacity."""

    code = "balance_above_capacity"

    def __init__(self, value: str = "", capacity: str = "") -> None:
        BalanceError.__init__(
            self,
            f"读数 {value} 超出天平量程 {capacity}，已拒收",
            f"Reading {value} is above the balance's capacity {capacity}; refused",
        )


class BalanceDoubtfulReply(BalanceError):
    """More than one candidate answer arrived for one command: none of them is trusted."""

    code = "balance_doubtful"

    def __init__(self, cmd: str = "") -> None:
        super().__init__(
            f"天平应答不可靠（多余或迟到的数据行）[{cmd}]，请重试",
            f"Balance reply not trustworthy (stray or late lines) [{cmd}]; try again",
        )


class BalanceUnderload(BalanceError):
    code = "balance_underload"

    def __init__(self) -> None:
        super().__init__("天平欠载（秤盘未放好？）", "Balance underloaded (is the pan in place?)")


class BalanceUnstable(BalanceError):
    code = "balance_unstable"

    def __init__(self, seconds: float | None = None) -> None:
        extra = f"（{seconds:g} 秒）" if seconds else ""
        super().__init__(f"读数不稳定{extra}", "No stable weight" + (f" within {seconds:g} s" if seconds else ""))


class BalanceBusy(BalanceError):
    code = "balance_busy"

    def __init__(self, cmd: str = "") -> None:
        super().__init__(f"天平忙，命令未执行 {cmd}".strip(), f"Balance busy, command not executed {cmd}".strip())


class BalanceCommandError(BalanceError):
    """ES / ET / EL / L replies and device error text."""

    code = "balance_command"
    TEXT = {
        "ES": ("天平不认识该命令", "Balance rejected the command (syntax error, ES)"),
        "ET": ("天平收到的数据有误", "Balance reported a transmission error (ET)"),
        "EL": ("天平无法执行该命令", "Balance reported a logical error (EL)"),
        "L": ("命令参数错误", "Bad command parameter (L)"),
    }

    def __init__(self, kind: str, cmd: str = "", text: str = "") -> None:
        zh, en = self.TEXT.get(kind, (f"天平报错：{text or kind}", f"Balance error: {text or kind}"))
        super().__init__(f"{zh} [{cmd}]" if cmd else zh, f"{en} [{cmd}]" if cmd else en, kind=kind)
        self.kind = kind


class UnitNotSupported(BalanceError):
    code = "balance_unit"

    def __init__(self, unit: str) -> None:
        super().__init__(f"不支持的单位：{unit}", f"Unsupported unit: {unit}")


# --- inspection box ---------------------------------------------------------------------


class BoxError(DeviceError):
    code = "box"


class BoxNotAnswering(BoxError):
    code = "box_not_answering"

    def __init__(self) -> None:
        super().__init__("检测盒无应答", "Inspection box stopped answering")


class BoxSessionError(BoxError):
    """An ``error`` message from the box, one class per code."""

    code = "box_session"
    box_code = "INTERNAL"
    TEXT = ("检测盒内部错误", "Inspection box internal error")

    def __init__(self, message: str = "", session_id: str | None = None) -> None:
        zh, en = self.TEXT
        super().__init__(f"{zh}：{message}" if message else zh, f"{en}: {message}" if message else en)
        self.box_message = message
        self.session_id = session_id


class PhoneDetached(BoxSessionError):
    box_code = "PHONE_DETACHED"
    TEXT = ("检测中手机被拔出，本次检测结束", "Phone unplugged during the inspection; session ended")


class PairingRefused(BoxSessionError):
    box_code = "PAIRING_REFUSED"
    TEXT = ("手机未信任检测盒", "The phone did not trust the box")


class UnsupportedDevice(BoxSessionError):
    box_code = "UNSUPPORTED_DEVICE"
    TEXT = ("不支持此手机", "Unsupported phone")


class BoxBusy(BoxSessionError):
    box_code = "BUSY"
    TEXT = ("检测盒正忙", "Inspection box busy")


class SessionCancelled(BoxSessionError):
    box_code = "CANCELLED"
    TEXT = ("检测已取消", "Inspection cancelled")


class BoxInternal(BoxSessionError):
    box_code = "INTERNAL"


BOX_ERRORS: dict[str, type[BoxSessionError]] = {
    c.box_code: c for c in (PhoneDetached, PairingRefused, UnsupportedDevice, BoxBusy, SessionCancelled, BoxInternal)
}


def box_error(code: str, message: str = "", session_id: str | None = None) -> BoxSessionError:
    cls = BOX_ERRORS.get(code, BoxInternal)
    err = cls(message or (code if cls is BoxInternal and code != "INTERNAL" else ""), session_id)
    err.box_code = code
    return err


# --- camera / printer -------------------------------------------------------------------


class CameraError(DeviceError):
    code = "camera"


class PrinterError(DeviceError):
    code = "printer"
