<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="83" />
        <source>First start: create the administrator</source>
        <translation>首次启动：创建管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="86" />
        <source>No account exists yet. Create the administrator, who then adds the staff.</source>
        <translation>尚无任何账号。请先创建管理员，再由管理员添加员工。</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="96" />
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="97" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="98" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="99" />
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="112" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="28" />
        <source>Treasure Warehouse — log in</source>
        <translation>珍宝仓 — 登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="31" />
        <source>Treasure Warehouse appraisal workstation</source>
        <translation>珍宝仓鉴定工作站</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="41" />
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="42" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="50" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="59" />
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="62" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/shell.py" line="29" />
        <source>Treasure Warehouse workstation</source>
        <translation>珍宝仓鉴定工作站</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="70" />
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="71" />
        <source>Devices: starting</source>
        <translation>设备：启动中</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="73" />
        <source>Sync: not started</source>
        <translation>同步：未启动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="80" />
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="81" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="84" />
        <source>Quit</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="110" />
        <source>Scan not used here: %1</source>
        <translation>此页面不处理该条码：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="115" />
        <source>Sync: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="119" />
        <source>balance</source>
        <translation>天平</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="119" />
        <source>box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="119" />
        <source>camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="120" />
        <source>devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="121" />
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="121" />
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="122" />
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="122" />
        <source>reconnecting</source>
        <translation>重新连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="123" />
        <source>not answering</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="123" />
        <source>failed</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="125" />
        <source>Devices: %1</source>
        <translation>设备：%1</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <location filename="../../app/ui/screen.py" line="36" />
        <source>This station is being built and is not available yet.</source>
        <translation>该工位正在建设中，暂不可用。</translation>
    </message>
</context>
<context>
    <name>Stations</name>
    <message>
        <location filename="../../app/ui/stations.py" line="35" />
        <source>Intake</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations.py" line="35" />
        <source>Jewelry appraisal</source>
        <translation>珠宝鉴定</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations.py" line="36" />
        <source>Phone inspection</source>
        <translation>手机检测</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations.py" line="37" />
        <source>Review &amp; certificates</source>
        <translation>复核与证书</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations.py" line="37" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations.py" line="38" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../app/ui/stations.py" line="38" />
        <source>Admin</source>
        <translation>管理</translation>
    </message>
</context>
</TS>