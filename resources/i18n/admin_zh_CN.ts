<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>People and roles</source>
        <translation>人员与角色</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <source>Change roles…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Enable / disable</source>
        <translation>启用 / 停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Audit, export, backup</source>
        <translation>审计、导出与备份</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Roles of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Disable the account of %1? They can no longer log in.</source>
        <translation>确定停用 %1 的账号吗？停用后此人无法登录。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>%1 的新密码</translation>
    </message>
</context>
<context>
    <name>MaintenancePanel</name>
    <message>
        <source>Verify the audit chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <source>Export a certificate PDF…</source>
        <translation>导出证书 PDF…</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>The audit chain is intact: %1 entries checked.</source>
        <translation>审计链完整：已校验 %1 条记录。</translation>
    </message>
    <message>
        <source>The audit chain is broken: %1</source>
        <translation>审计链已损坏：%1</translation>
    </message>
    <message>
        <source>Export a certificate PDF</source>
        <translation>导出证书 PDF</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>已导出：%1</translation>
    </message>
    <message>
        <source>Back up to folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup verified: %1</source>
        <translation>备份已验证：%1</translation>
    </message>
    <message>
        <source>Restore from a backup folder</source>
        <translation>从备份文件夹恢复</translation>
    </message>
    <message>
        <source>Restore the backup of %1 made %2?
It replaces the current records:
%3
The current database is kept beside it.</source>
        <translation>恢复 %1 于 %2 做的备份吗？
它将替换当前记录：
%3
当前数据库会保留在旁边。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restored. The previous database is kept as %1. Restart the workstation.</source>
        <translation>已恢复。原数据库保留为 %1。请重启工作站。</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Takes effect</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Setup assistant…</source>
        <translation>设置向导…</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>demo mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>(kept in the keyring)</source>
        <translation>（保存在系统钥匙串）</translation>
    </message>
    <message>
        <source>now</source>
        <translation>立即生效</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>重启后生效</translation>
    </message>
    <message>
        <source>Saved, but the environment variable %1 still decides on this computer.</source>
        <translation>已保存，但本机的环境变量 %1 仍然优先。</translation>
    </message>
    <message>
        <source>Saved. It takes effect after the workstation is restarted.</source>
        <translation>已保存，重启工作站后生效。</translation>
    </message>
    <message>
        <source>Saved. Reconnecting the devices…</source>
        <translation>已保存，正在重新连接设备…</translation>
    </message>
    <message>
        <source>Saved. Restart the workstation to use the new database or platform.</source>
        <translation>已保存。新的数据库或平台在重启工作站后使用。</translation>
    </message>
</context>
</TS>
