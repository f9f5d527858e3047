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
        <source>Settings</source>
        <translation>设置</translation>
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
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>%1 的新密码</translation>
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
        <translation>当前值</translation>
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
