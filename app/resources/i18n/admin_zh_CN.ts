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
        <source>Signing keys</source>
        <translation>签名密钥</translation>
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
    <name>KeysPanel</name>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Registered with the platform</source>
        <translation>已在平台登记</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>新建密钥…</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>waiting for sync</source>
        <translation>等待同步</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>No key signs certificates. Create a new key before the next certificate.</source>
        <translation>目前没有可签发证书的密钥。签发下一张证书前请新建密钥。</translation>
    </message>
    <message>
        <source>Certificates are signed with %1 until %2.</source>
        <translation>证书由密钥 %1 签名，有效至 %2。</translation>
    </message>
    <message>
        <source>It expires soon: create a new key.</source>
        <translation>即将到期：请新建密钥。</translation>
    </message>
    <message>
        <source>Replace with a new key…</source>
        <translation>换用新密钥…</translation>
    </message>
    <message>
        <source>The new key is in use. It is registered with the platform at the next sync.</source>
        <translation>新密钥已启用，下次同步时向平台登记。</translation>
    </message>
    <message>
        <source>Choose a key in the list first.</source>
        <translation>请先在列表中选择一个密钥。</translation>
    </message>
    <message>
        <source>This key is already retired.</source>
        <translation>该密钥已停用。</translation>
    </message>
    <message>
        <source>%1 is retired.</source>
        <translation>%1 已停用。</translation>
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
    <name>NewKeyDialog</name>
    <message>
        <source>New signing key</source>
        <translation>新建签名密钥</translation>
    </message>
    <message>
        <source>The new key signs every certificate from now on. The current key is retired: it signs nothing more, and the certificates it signed keep verifying.</source>
        <translation>从现在起由新密钥签发所有证书。当前密钥将停用：不再签发证书，已签发的证书仍可验证。</translation>
    </message>
    <message>
        <source>The key signs the warehouse&apos;s certificates.</source>
        <translation>该密钥用于签发本仓的证书。</translation>
    </message>
    <message>
        <source>Passphrase: at least %1 characters, at least 4 of them different. Supervisors type it once per session to sign; it is not stored.</source>
        <translation>口令：至少 %1 个字符，其中至少 4 个不同。主管每次登录后签发时输入一次；口令不会被保存。</translation>
    </message>
    <message>
        <source>%1 year(s)</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Please type the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Creating the key…</source>
        <translation>正在创建密钥…</translation>
    </message>
</context>
<context>
    <name>RetireKeyDialog</name>
    <message>
        <source>Retire signing key</source>
        <translation>停用签名密钥</translation>
    </message>
    <message>
        <source>Retire %1? It signs nothing more; certificates it signed keep verifying.</source>
        <translation>停用 %1？停用后不再签发证书，已签发的证书仍可验证。</translation>
    </message>
    <message>
        <source>It is the key in use: no certificate can be signed until a new key is created.</source>
        <translation>这是正在使用的密钥：新建密钥之前将无法签发证书。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Please write the reason.</source>
        <translation>请填写原因。</translation>
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
