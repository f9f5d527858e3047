"""People: accounts, roles, log-in with Argon2id and lock-out after repeated failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.roles import Action, Actor, Role, parse_roles
from app.services.base import ServiceContext
from app.store.models import User

_HASHER = PasswordHasher()  # argon2id with the library's current defaults
MIN_PASSWORD = 8
SYSTEM_USERNAME = "system"


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    locked: bool


def _view(u: User, now: datetime) -> UserView:
    return UserView(
        u.id, u.username, u.display_name, parse_roles(u.roles), u.active, bool(u.locked_until and u.locked_until > now)
    )


def _check_new(username: str, password: str) -> None:
    if not username or len(username) > 64 or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValidationError(
            "用户名只能包含字母、数字、点、下划线和连字符",
            "A username may contain letters, digits, dots, underscores and hyphens only",
        )
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位", f"A password needs at least {MIN_PASSWORD} characters")


class UserService:
    def __init__(self, ctx: ServiceContext, max_failures: int = 5, lock_minutes: int = 15) -> None:
        self.ctx = ctx
        self.max_failures = max_failures
        self.lock_minutes = lock_minutes

    def has_users(self) -> bool:
        with self.ctx.db.read() as s:
            return bool(s.execute(select(func.count(User.id)).where(User.username != SYSTEM_USERNAME)).scalar_one())

    def create_first_admin(self, username: str, password: str, display_name: str) -> Actor:
        """Only while no account exists: the first start asks for an administrator."""
        _check_new(username, password)
        with self.ctx.db.transaction() as s:
            if s.execute(select(func.count(User.id)).where(User.username != SYSTEM_USERNAME)).scalar_one():
                raise Conflict("已存在账号，请由管理员添加用户", "Accounts exist already; an administrator adds users")
            now = self.ctx.clock()
            user = User(
                username=username,
                display_name=display_name or username,
                password_hash=_HASHER.hash(password),
                roles=Role.ADMIN.value,
                active=True,
                failed_logins=0,
                created_at=now,
                updated_at=now,
            )
            s.add(user)
            s.flush()
            from app.store import audit

            audit.append(
                s,
                self.ctx.workstation_id,
                [audit.PendingAudit(now, username, "create_first_admin", "user", str(user.id), {"username": username})],
            )
            return Actor(user.id, user.username, user.display_name, frozenset({Role.ADMIN}))

    def add_user(
        self,
        actor: Actor,
        username: str,
        password: str,
        display_name: str,
        roles: frozenset[Role],
        *,
        must_change_password: bool = True,
    ) -> UserView:
        """The person chooses their own password at the first log-in, unless told otherwise
        (demo accounts, whose password is published anyway)."""
        _check_new(username, password)
        with self.ctx.operation(actor, Action.MANAGE_USERS) as tx:
            if tx.session.execute(select(User).where(User.username == username)).scalar_one_or_none():
                raise Conflict(f"用户名 {username} 已存在", f"Username {username} is taken")
            user = User(
                username=username,
                display_name=display_name or username,
                password_hash=_HASHER.hash(password),
                roles=",".join(sorted(roles)),
                active=True,
                failed_logins=0,
                created_at=tx.now,
                updated_at=tx.now,
                must_change_password=must_change_password,
            )
            tx.session.add(user)
            tx.session.flush()
            tx.audit("user", user.id, {"username": username, "roles": sorted(roles)})
            return _view(user, tx.now)

    def set_roles(self, actor: Actor, user_id: int, roles: frozenset[Role]) -> UserView:
        with self.ctx.operation(actor, Action.MANAGE_USERS) as tx:
            user = tx.session.get(User, user_id)
            if user is None:
                raise NotFound("用户不存在", "No such user")
            if user.id == actor.user_id and Role.ADMIN not in roles:
                raise ValidationError("不能取消自己的管理员角色", "You cannot remove your own administrator role")
            before = user.roles
            user.roles, user.updated_at = ",".join(sorted(roles)), tx.now
            tx.audit("user", user.id, {"roles_before": before, "roles_after": user.roles})
            return _view(user, tx.now)

    def set_active(self, actor: Actor, user_id: int, active: bool) -> UserView:
        with self.ctx.operation(actor, Action.MANAGE_USERS) as tx:
            user = tx.session.get(User, user_id)
            if user is None:
                raise NotFound("用户不存在", "No such user")
            if user.id == actor.user_id and not active:
                raise ValidationError("不能停用自己的账号", "You cannot disable your own account")
            user.active, user.updated_at = active, tx.now
            if active:
                user.failed_logins, user.locked_until = 0, None
            tx.audit("user", user.id, {"active": active})
            return _view(user, tx.now)

    def reset_password(self, actor: Actor, user_id: int, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise ValidationError(f"密码至少 {MIN_PASSWORD} 位", f"A password needs at least {MIN_PASSWORD} characters")
        with self.ctx.operation(actor, Action.MANAGE_USERS) as tx:
            user = tx.session.get(User, user_id)
            if user is None:
                raise NotFound("用户不存在", "No such user")
            user.password_hash, user.failed_logins, user.locked_until = _HASHER.hash(password), 0, None
            user.updated_at, user.must_change_password = tx.now, True
            tx.audit("user", user.id, {"password": "reset"})

    def password_change_due(self, actor: Actor) -> bool:
        """True when the password was given by an administrator and not yet replaced."""
        with self.ctx.db.read() as s:
            user = s.get(User, actor.user_id)
            return bool(user is not None and user.must_change_password)

    def change_own_password(self, actor: Actor, current: str, new: str) -> None:
        """A person replaces their own password (knowing the current one)."""
        from app.store import audit

        if len(new) < MIN_PASSWORD:
            raise ValidationError(f"密码至少 {MIN_PASSWORD} 位", f"A password needs at least {MIN_PASSWORD} characters")
        if new == current:
            raise ValidationError("新密码不能与原密码相同", "The new password must differ from the current one")
        with self.ctx.db.transaction() as s:
            user = s.get(User, actor.user_id)
            if user is None or not user.active:
                raise PermissionDenied("该账号已停用，请重新登录", "This account is disabled; log in again")
            try:
                _HASHER.verify(user.password_hash, current)
            except (VerificationError, InvalidHashError):
                raise PermissionDenied("原密码错误", "The current password is wrong") from None
            now = self.ctx.clock()
            user.password_hash, user.must_change_password, user.updated_at = _HASHER.hash(new), False, now
            audit.append(
                s,
                self.ctx.workstation_id,
                [audit.PendingAudit(now, user.username, "change_own_password", "user", str(user.id), {})],
            )

    def unlock(self, actor: Actor, user_id: int) -> UserView:
        """End a lock-out after too many failed log-ins (the person called the administrator)."""
        with self.ctx.operation(actor, Action.MANAGE_USERS) as tx:
            user = tx.session.get(User, user_id)
            if user is None:
                raise NotFound("用户不存在", "No such user")
            was = user.locked_until.isoformat() if user.locked_until else None
            user.failed_logins, user.locked_until, user.updated_at = 0, None, tx.now
            tx.audit("user", user.id, {"unlocked": True, "locked_until_before": was})
            return _view(user, tx.now)

    def people(self, actor: Actor) -> list[UserView]:
        """The user list for a window: supervisors and administrators, not clerks or appraisers."""
        from app.core.roles import require

        require(actor.roles, Action.VIEW_USERS, actor.username)
        return self.list_users()

    def list_users(self) -> list[UserView]:
        """Every account (terminal commands and demo data; windows use ``people``)."""
        with self.ctx.db.read() as s:
            now = self.ctx.clock()
            rows = s.execute(select(User).where(User.username != SYSTEM_USERNAME).order_by(User.username)).scalars()
            return [_view(u, now) for u in rows]

    def authenticate(self, username: str, password: str) -> Actor:
        """Check a password. Failures are counted; too many lock the account for a while.
        The message never tells whether the username exists."""
        bad = PermissionDenied("用户名或密码错误", "Wrong username or password", code="bad_login")
        from app.store import audit

        failed = False
        with self.ctx.db.transaction() as s:
            user = s.execute(select(User).where(User.username == username)).scalar_one_or_none()
            now = self.ctx.clock()
            if user is None or not user.active or username == SYSTEM_USERNAME:
                _HASHER.hash(password)  # spend the same time as a real check
                raise bad
            if user.locked_until and user.locked_until > now:
                minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
                raise PermissionDenied(
                    f"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员",
                    f"Too many failed log-ins; the account is locked for {minutes} more minute(s)",
                    code="locked",
                )
            try:
                _HASHER.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                failed = True
                user.failed_logins += 1
                detail: dict[str, object] = {"failed_logins": user.failed_logins}
                if user.failed_logins >= self.max_failures:
                    user.locked_until = now + timedelta(minutes=self.lock_minutes)
                    user.failed_logins = 0
                    detail["locked_until"] = user.locked_until.isoformat()
                audit.append(
                    s,
                    self.ctx.workstation_id,
                    [audit.PendingAudit(now, username, "login_failed", "user", str(user.id), detail)],
                )
            else:
                if _HASHER.check_needs_rehash(user.password_hash):
                    user.password_hash = _HASHER.hash(password)
                user.failed_logins, user.locked_until = 0, None
                audit.append(
                    s, self.ctx.workstation_id, [audit.PendingAudit(now, username, "login", "user", str(user.id), {})]
                )
                actor = Actor(user.id, user.username, user.display_name, parse_roles(user.roles))
        if failed:  # the count is committed; now refuse
            raise bad
        return actor


def system_actor(ctx: ServiceContext) -> Actor:
    """The account background work (notice pulls) acts as. It cannot log in: its password
    is random and never stored anywhere, and authenticate() refuses the name."""
    import secrets

    with ctx.db.transaction() as s:
        user = s.execute(select(User).where(User.username == SYSTEM_USERNAME)).scalar_one_or_none()
        if user is None:
            now = ctx.clock()
            user = User(
                username=SYSTEM_USERNAME,
                display_name="系统 System",
                password_hash=_HASHER.hash(secrets.token_urlsafe(32)),
                roles=Role.INTAKE_CLERK.value,
                active=True,
                failed_logins=0,
                created_at=now,
                updated_at=now,
            )
            s.add(user)
            s.flush()
        return Actor(user.id, user.username, user.display_name, parse_roles(user.roles))
