"""Who may do what. The table is the single source of truth; services call ``require``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.errors import PermissionDenied


class Role(StrEnum):
    INTAKE_CLERK = "intake_clerk"
    APPRAISER = "appraiser"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    # A grant, not a job: may type a measurement by hand instead of reading a device.
    MANUAL_ENTRY = "manual_entry"


ROLE_NAMES = {
    Role.INTAKE_CLERK: ("收货员", "Intake clerk"),
    Role.APPRAISER: ("鉴定师", "Appraiser"),
    Role.SUPERVISOR: ("主管", "Supervisor"),
    Role.ADMIN: ("管理员", "Administrator"),
    Role.MANUAL_ENTRY: ("允许手工录入", "Manual entry allowed"),
}


class Action(StrEnum):
    RECEIVE_PARCEL = "receive_parcel"
    RECEIVE_ITEM = "receive_item"
    VOID_RECEIPT = "void_receipt"
    RECORD_DISCREPANCY = "record_discrepancy"
    CLOSE_PARCEL = "close_parcel"
    RESOLVE_UNANNOUNCED = "resolve_unannounced"
    IMPORT_NOTICES = "import_notices"
    PRINT_LABEL = "print_label"
    START_APPRAISAL = "start_appraisal"
    RECORD_MEASUREMENT = "record_measurement"
    MANUAL_MEASUREMENT = "manual_measurement"
    ATTACH_PHOTO = "attach_photo"
    RECORD_INSPECTION = "record_inspection"
    RECORD_GRADING = "record_grading"
    SUBMIT_FOR_REVIEW = "submit_for_review"
    APPROVE = "approve"
    RETURN_FOR_REWORK = "return_for_rework"
    ISSUE_CERTIFICATE = "issue_certificate"
    PRINT_CERTIFICATE = "print_certificate"
    VOID_CERTIFICATE = "void_certificate"
    REJECT = "reject"
    DISPATCH_TO_BUYER = "dispatch_to_buyer"
    RETURN_TO_MERCHANT = "return_to_merchant"
    HOLD = "hold"
    RELEASE_HOLD = "release_hold"
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"
    MANAGE_SYNC = "manage_sync"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_USERS = "view_users"
    RECORD_BALANCE_CHECK = "record_balance_check"
    RECORD_CALIBRATION = "record_calibration"
    RECORD_BLIND_FINDINGS = "record_blind_findings"
    # After-sale cases (platform-api.md §6)
    IMPORT_CASES = "import_cases"
    RECEIVE_CASE = "receive_case"
    INSPECT_CASE = "inspect_case"
    DECIDE_CASE = "decide_case"
    DISPOSE_CASE = "dispose_case"
    EXPORT_DOSSIER = "export_dossier"


_C, _A, _S, _AD, _M = Role.INTAKE_CLERK, Role.APPRAISER, Role.SUPERVISOR, Role.ADMIN, Role.MANUAL_ENTRY

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.RECEIVE_PARCEL: frozenset({_C, _S}),
    Action.RECEIVE_ITEM: frozenset({_C, _S}),
    Action.VOID_RECEIPT: frozenset({_C, _S}),
    Action.RECORD_DISCREPANCY: frozenset({_C, _S}),
    Action.CLOSE_PARCEL: frozenset({_C, _S}),
    Action.RESOLVE_UNANNOUNCED: frozenset({_S}),
    Action.IMPORT_NOTICES: frozenset({_C, _S}),
    Action.PRINT_LABEL: frozenset({_C, _A, _S}),
    Action.START_APPRAISAL: frozenset({_A}),
    Action.RECORD_MEASUREMENT: frozenset({_A}),
    Action.MANUAL_MEASUREMENT: frozenset({_M, _S}),
    Action.ATTACH_PHOTO: frozenset({_C, _A, _S}),
    Action.RECORD_INSPECTION: frozenset({_A}),
    Action.RECORD_GRADING: frozenset({_A}),
    Action.SUBMIT_FOR_REVIEW: frozenset({_A}),
    Action.APPROVE: frozenset({_S}),
    Action.RETURN_FOR_REWORK: frozenset({_S}),
    Action.ISSUE_CERTIFICATE: frozenset({_S}),
    Action.PRINT_CERTIFICATE: frozenset({_S}),
    Action.VOID_CERTIFICATE: frozenset({_S}),
    Action.REJECT: frozenset({_A, _S}),
    Action.DISPATCH_TO_BUYER: frozenset({_C, _S}),
    Action.RETURN_TO_MERCHANT: frozenset({_C, _S}),
    Action.HOLD: frozenset({_S}),
    Action.RELEASE_HOLD: frozenset({_S}),
    Action.MANAGE_USERS: frozenset({_AD}),
    Action.MANAGE_KEYS: frozenset({_S, _AD}),
    Action.MANAGE_SYNC: frozenset({_S, _AD}),
    Action.MANAGE_SETTINGS: frozenset({_AD}),
    Action.VIEW_USERS: frozenset({_S, _AD}),
    Action.RECORD_BALANCE_CHECK: frozenset({_A, _S}),
    Action.RECORD_CALIBRATION: frozenset({_S}),
    Action.RECORD_BLIND_FINDINGS: frozenset({_A}),
    Action.IMPORT_CASES: frozenset({_C, _S}),
    Action.RECEIVE_CASE: frozenset({_C, _S}),
    Action.INSPECT_CASE: frozenset({_A, _S}),
    Action.DECIDE_CASE: frozenset({_S}),
    Action.DISPOSE_CASE: frozenset({_C, _S}),
    Action.EXPORT_DOSSIER: frozenset({_S}),
}

ACTION_NAMES_ZH = {
    Action.RECEIVE_PARCEL: "签收包裹",
    Action.RECEIVE_ITEM: "收货登记",
    Action.VOID_RECEIPT: "作废收货",
    Action.RECORD_DISCREPANCY: "登记差异",
    Action.CLOSE_PARCEL: "完成包裹",
    Action.RESOLVE_UNANNOUNCED: "处理未预报包裹",
    Action.IMPORT_NOTICES: "导入预报",
    Action.PRINT_LABEL: "打印标签",
    Action.START_APPRAISAL: "开始鉴定",
    Action.RECORD_MEASUREMENT: "记录测量",
    Action.MANUAL_MEASUREMENT: "手工录入测量",
    Action.ATTACH_PHOTO: "拍照",
    Action.RECORD_INSPECTION: "记录检测报告",
    Action.RECORD_GRADING: "记录分级结果",
    Action.SUBMIT_FOR_REVIEW: "提交复核",
    Action.APPROVE: "复核通过",
    Action.RETURN_FOR_REWORK: "退回重做",
    Action.ISSUE_CERTIFICATE: "签发证书",
    Action.PRINT_CERTIFICATE: "打印证书",
    Action.VOID_CERTIFICATE: "作废证书",
    Action.REJECT: "拒收",
    Action.DISPATCH_TO_BUYER: "发货给买家",
    Action.RETURN_TO_MERCHANT: "退回商家",
    Action.HOLD: "冻结",
    Action.RELEASE_HOLD: "解除冻结",
    Action.MANAGE_USERS: "管理用户",
    Action.MANAGE_KEYS: "管理签名密钥",
    Action.MANAGE_SYNC: "管理同步",
    Action.MANAGE_SETTINGS: "修改设置",
    Action.VIEW_USERS: "查看用户列表",
    Action.RECORD_BALANCE_CHECK: "天平每日检查",
    Action.RECORD_CALIBRATION: "登记天平外部校准",
    Action.RECORD_BLIND_FINDINGS: "保存盲评结果",
    Action.IMPORT_CASES: "导入售后单",
    Action.RECEIVE_CASE: "售后收件",
    Action.INSPECT_CASE: "售后复检",
    Action.DECIDE_CASE: "售后裁定",
    Action.DISPOSE_CASE: "售后处置",
    Action.EXPORT_DOSSIER: "导出物品档案",
}


@dataclass(frozen=True)
class Actor:
    """The person performing an operation, as the services see them after log-in."""

    user_id: int
    username: str
    display_name: str
    roles: frozenset[Role]

    def may(self, action: Action) -> bool:
        return may(self.roles, action)


def may(roles: frozenset[Role] | set[Role], action: Action) -> bool:
    return bool(PERMISSIONS[action] & set(roles))


def require(roles: frozenset[Role] | set[Role], action: Action, username: str = "") -> None:
    if not may(roles, action):
        allowed_zh = "、".join(ROLE_NAMES[r][0] for r in sorted(PERMISSIONS[action]))
        allowed_en = ", ".join(ROLE_NAMES[r][1] for r in sorted(PERMISSIONS[action]))
        raise PermissionDenied(
            f"用户 {username} 无权执行“{ACTION_NAMES_ZH[action]}”（需要：{allowed_zh}）",
            f"User {username} may not {action.value.replace('_', ' ')} (needs: {allowed_en})",
            action=action.value,
        )


def parse_roles(text: str) -> frozenset[Role]:
    """Roles are stored as a comma-separated list; unknown names are refused, not dropped."""
    roles = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            roles.add(Role(part))
        except ValueError:
            from app.core.errors import ValidationError

            raise ValidationError(f"未知角色：{part}", f"Unknown role: {part}") from None
    return frozenset(roles)
