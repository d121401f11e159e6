<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="251" />
        <source>签退点钞</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="252" />
        <source>签退点钞：请按面额录入张数 / 枚数</source>
        <translation>Close shift: count the drawer by note and coin</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="253" />
        <source>纸币</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="254" />
        <source>硬币 / 角币</source>
        <translation>Coins</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="255" />
        <source>应有现金</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="256" />
        <source>实点现金</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="257" />
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="258" />
        <source>确认签退 (Ctrl+Enter)</source>
        <translation>Close shift (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="260" />
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="273" />
        <source>当前没有已签到的班次</source>
        <translation>No shift is open</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="297" />
        <source>长款 %1</source>
        <translation>Cash over %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="299" />
        <source>短款 %1</source>
        <translation>Cash short %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="301" />
        <source>无差额</source>
        <translation>No difference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="316" />
        <source>有现金差额，需主管授权后才能签退</source>
        <translation>The cash differs: a supervisor must approve closing the shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="327" />
        <source>长款</source>
        <translation>over</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="327" />
        <source>短款</source>
        <translation>short</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="328" />
        <source>签退：现金%1 %2</source>
        <translation>Close shift: cash %1 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>签退完成</source>
        <translation>Shift closed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>完成 (Enter)</source>
        <translation>Done (Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>点钞完毕，显示应有现金 (Ctrl+Enter)</source>
        <translation>Count done, show the expected cash (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>盲点：点钞完毕后显示</source>
        <translation>Blind count: shown after the count</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>确认签退</source>
        <translation>Close the shift?</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>确认签退？
实点现金 %1，应有现金 %2（%3）。
签退后本班次结束，并打印签退单。</source>
        <translation>Close the shift?
Counted cash %1, expected %2 (%3).
The shift ends and the closing slip prints.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>签退</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>本机未配置小票打印机，签退单未打印</source>
        <translation>No receipt printer is set up: the closing slip was not printed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>正在打印签退单…</source>
        <translation>Printing the closing slip…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>签退单已打印</source>
        <translation>Closing slip printed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/close_shift_dialog.py" line="0" />
        <source>签退单打印失败：%1（可在日结页重打）</source>
        <translation>The closing slip did not print: %1 (reprint it on Shift &amp; reports)</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <location filename="../../counter_app/ui/app.py" line="57" />
        <source>提示</source>
        <translation>Notice</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../counter_app/ui/login.py" line="257" />
        <source>已锁屏</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="258" />
        <source>换其他营业员登录 (Ctrl+N)</source>
        <translation>Another clerk logs in (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="271" />
        <source>%1（%2）请输入密码解锁</source>
        <translation>%1 (%2): enter your PIN to unlock</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <location filename="../../counter_app/ui/login.py" line="80" />
        <source>工号</source>
        <translation>Staff id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="81" />
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="82" />
        <source>营业员工号</source>
        <translation>Clerk staff id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="83" />
        <source>4 到 8 位数字</source>
        <translation>4 to 8 digits</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="84" />
        <source>登录 (Enter)</source>
        <translation>Log in (Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="120" />
        <source>请输入工号</source>
        <translation>Enter your staff id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="124" />
        <source>请输入密码</source>
        <translation>Enter your PIN</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../counter_app/ui/login.py" line="203" />
        <source>邮政营业柜台 - 登录</source>
        <translation>Post office counter - log in</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="204" />
        <source>中国邮政 · 营业柜台</source>
        <translation>China Post · Counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login.py" line="205" />
        <source>English (F12)</source>
        <translation>中文 (F12)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="374" />
        <source>邮政营业柜台</source>
        <translation>Post office counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="380" />
        <source>签到开班</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="381" />
        <source>签退点钞</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="382" />
        <source>锁屏</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="383" />
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="384" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="385" />
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="386" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="387" />
        <source>业务(&amp;B)</source>
        <translation>&amp;Business</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="388" />
        <source>班次(&amp;T)</source>
        <translation>Shif&amp;t</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="389" />
        <source>系统(&amp;Y)</source>
        <translation>S&amp;ystem</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="390" />
        <source>尚未签到：请先签到开班，录入备用金后才能办理业务。</source>
        <translation>No shift is open: open a shift with the cash float before serving customers.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="391" />
        <source>签到开班 (F9)</source>
        <translation>Open shift (F9)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="392" />
        <source>正在处理，请稍候…</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="532" />
        <source>本柜台未连接平台，业务已保存在本机</source>
        <translation>This counter has no platform; operations are kept on this machine</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="535" />
        <source>已请求同步</source>
        <translation>Sync requested</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="400" />
        <location filename="../../counter_app/ui/main_window.py" line="551" />
        <source>打印机设置</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="553" />
        <source>主管未授权，操作已取消</source>
        <translation>No supervisor approval: cancelled</translation>
    </message>
    <message>
        <source>已记录开钱箱，但本机未设置打印机/钱箱</source>
        <translation>The opening is recorded, but no printer or drawer is set up here</translation>
    </message>
    <message>
        <source>钱箱已打开（已记入流水）</source>
        <translation>Drawer opened (recorded in the journal)</translation>
    </message>
    <message>
        <source>已记录开钱箱，但钱箱未能打开：%1</source>
        <translation>The opening is recorded, but the drawer did not open: %1</translation>
    </message>
    <message>
        <source>开钱箱（主管）</source>
        <translation>Open the drawer (supervisor)</translation>
    </message>
    <message>
        <source>开钱箱</source>
        <translation>Open the drawer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="202" />
        <source>尾箱与轧帐</source>
        <translation>Cash box &amp; day close</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/window_commands.py" line="100" />
        <source>本班次尚未签退点钞。确定要注销吗？</source>
        <translation>This shift is not closed and its cash not counted. Log out anyway?</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/window_commands.py" line="100" />
        <source>本班次尚未签退点钞。确定要退出程序吗？</source>
        <translation>This shift is not closed and its cash not counted. Quit anyway?</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/window_commands.py" line="100" />
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/window_commands.py" line="100" />
        <source>班次未签退</source>
        <translation>Shift still open</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/window_commands.py" line="100" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="126" />
        <location filename="../../counter_app/ui/shift_dialogs.py" line="127" />
        <source>签到开班</source>
        <translation>Open shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="130" />
        <source>备用金（元）</source>
        <translation>Cash float (yuan)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="131" />
        <source>例如 500.00</source>
        <translation>e.g. 500.00</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="132" />
        <source>签到 (Enter)</source>
        <translation>Open shift (Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/shift_dialogs.py" line="133" />
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>PlaceholderWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="114" />
        <source>该功能模块尚未安装或加载失败，请联系技术支持。</source>
        <translation>This function is not installed or failed to load; call technical support.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="115" />
        <source>扫码或输入编码</source>
        <translation>Scan or type a code</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="323" />
        <source>打印机设置</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="324" />
        <source>小票打印机设置（主管）</source>
        <translation>Receipt printer settings (supervisor)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="325" />
        <source>小票打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="326" />
        <source>测试打印 (Ctrl+T)</source>
        <translation>Test print (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="327" />
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="328" />
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="384" />
        <source>打印机设置已保存</source>
        <translation>Printer settings saved</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="401" />
        <source>未设置打印机，无法测试打印</source>
        <translation>No printer is set up to test</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="404" />
        <source>正在打印测试页…</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="413" />
        <source>测试页已打印，请检查小票上的中文和切纸</source>
        <translation>Test page printed: check the Chinese text and the cut</translation>
    </message>
</context>
<context>
    <name>PrinterFields</name>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="155" />
        <source>连接方式</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="155" />
        <source>打印机 IP</source>
        <translation>Printer IP</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="155" />
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="156" />
        <source>USB 厂商号</source>
        <translation>USB vendor id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="156" />
        <source>USB 产品号</source>
        <translation>USB product id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="157" />
        <source>串口设备</source>
        <translation>Serial device</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="157" />
        <source>波特率</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="158" />
        <location filename="../../counter_app/ui/printer_dialog.py" line="164" />
        <source>设备/文件路径</source>
        <translation>Device / file path</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="158" />
        <source>纸宽</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="158" />
        <source>打印机型号</source>
        <translation>Printer profile</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="159" />
        <source>钱箱接口</source>
        <translation>Cash drawer pin</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="163" />
        <source>不使用打印机</source>
        <translation>No printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="172" />
        <source>设备文件打印机无法回报状态：小票写入设备即记为已打印（未确认），缺纸、开盖或卡纸都不会提示。</source>
        <translation>A device-file printer cannot report its status: a receipt counts as printed (unconfirmed) once written to the device, and paper out, an open cover or a jam go unnoticed.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="170" />
        <source>打印确认</source>
        <translation>Print confirmation</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="170" />
        <source>DLE EOT 状态查询（多数打印机）</source>
        <translation>DLE EOT status request (most printers)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="170" />
        <source>GS r 1 状态查询</source>
        <translation>GS r 1 status request</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="170" />
        <source>不回报（无法确认是否打印）</source>
        <translation>None (printing cannot be confirmed)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="163" />
        <source>网络 (TCP 9100)</source>
        <translation>Network (TCP 9100)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="163" />
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="164" />
        <source>串口</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="167" />
        <source>2 号针脚</source>
        <translation>Pin 2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="167" />
        <source>5 号针脚</source>
        <translation>Pin 5</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="167" />
        <source>无钱箱</source>
        <translation>No cash drawer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/printer_dialog.py" line="170" />
        <source>python-escpos 型号名，不确定时用 default</source>
        <translation>python-escpos profile name; use default when unsure</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="173" />
        <source>柜台首次设置</source>
        <translation>Counter set-up</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="174" />
        <source>柜台首次设置：请填写网点、柜台和打印机</source>
        <translation>Counter set-up: branch, counter and printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="175" />
        <source>网点与柜台</source>
        <translation>Branch and counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="176" />
        <source>平台注册（可稍后）</source>
        <translation>Platform enrolment (may wait)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="177" />
        <source>小票打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="178" />
        <source>首位主管账号（可选）</source>
        <translation>First supervisor (optional)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="180" />
        <source>网点编号</source>
        <translation>Branch id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="180" />
        <source>网点名称</source>
        <translation>Branch name</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="181" />
        <source>网点地址</source>
        <translation>Branch address</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="181" />
        <source>柜台号</source>
        <translation>Counter id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="182" />
        <source>平台地址</source>
        <translation>Platform URL</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="182" />
        <source>注册码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="183" />
        <source>连接方式</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="183" />
        <source>打印机 IP</source>
        <translation>Printer IP</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="184" />
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="184" />
        <source>纸宽（毫米）</source>
        <translation>Paper width (mm)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="185" />
        <source>打印机型号</source>
        <translation>Printer profile</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="185" />
        <source>主管工号</source>
        <translation>Supervisor staff id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="186" />
        <source>主管姓名</source>
        <translation>Supervisor name</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="186" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="190" />
        <source>保存 (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/setup_dialog.py" line="191" />
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="190" />
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="163" />
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="165" />
        <source>网络不稳定</source>
        <translation>Unstable link</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="167" />
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="169" />
        <source>（自 %1）</source>
        <translation> (since %1)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="171" />
        <source>单机（未接平台）</source>
        <translation>Stand-alone (no platform)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="173" />
        <source>%1 笔待上传</source>
        <translation>%1 to upload</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="183" />
        <source>网点 %1 · 柜台 %2</source>
        <translation>Branch %1 · Counter %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="186" />
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="189" />
        <source>主管</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="189" />
        <source>营业员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="191" />
        <source>班次已开</source>
        <translation>Shift open</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="191" />
        <source>未签到</source>
        <translation>No shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/banner.py" line="198" />
        <source>中国邮政</source>
        <translation>China Post</translation>
    </message>
    <message>
        <source>时钟有误</source>
        <translation>Clock wrong</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="73" />
        <source>主管授权</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="74" />
        <source>请主管输入本人工号和密码</source>
        <translation>Supervisor: enter your own staff id and PIN</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="75" />
        <source>主管工号</source>
        <translation>Supervisor staff id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="76" />
        <source>主管密码</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="77" />
        <source>授权 (Enter)</source>
        <translation>Approve (Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="78" />
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="87" />
        <source>请输入主管工号</source>
        <translation>Enter the supervisor's staff id</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor.py" line="91" />
        <source>请输入主管密码</source>
        <translation>Enter the supervisor's PIN</translation>
    </message>
</context>
<context>
    <name>DrawerDialog</name>
    <message>
        <source>开钱箱</source>
        <translation>Open the drawer</translation>
    </message>
    <message>
        <source>开钱箱原因（需主管授权，将记入流水）：</source>
        <translation>Why open the drawer (needs a supervisor, recorded in the journal):</translation>
    </message>
</context>
</TS>