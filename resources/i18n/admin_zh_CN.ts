<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="49" />
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="56" />
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="57" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="58" />
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="59" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="70" />
        <source>People and roles</source>
        <translation>人员与角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="75" />
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="75" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="75" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="76" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="76" />
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="82" />
        <source>Add person…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="82" />
        <source>Change roles…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="83" />
        <source>Enable / disable</source>
        <translation>启用 / 停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="83" />
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="99" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="99" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="100" />
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="121" />
        <source>Roles of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="143" />
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/screen.py" line="143" />
        <source>New password for %1</source>
        <translation>%1 的新密码</translation>
    </message>
</context>
</TS>